package io.sluice.processors.gateway;

import io.sluice.avro.AiRequest;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.Invocation;
import io.sluice.avro.Priority;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.finops.BudgetBook;
import io.sluice.processors.finops.FinopsSettings;
import io.sluice.processors.finops.RateLimiter;
import io.sluice.processors.finops.WorstCase;
import io.sluice.processors.tokens.TokenCounter;
import io.sluice.schemas.ErrorTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The gateway's money stages: rate limits at admission (before the sanitizer spends CPU on a
 * request that would be refused anyway) and the budget reservation once the route, and so the
 * price, is known. The state lives in the stores the stage processors hand in.
 */
final class Spending {
    /** Error type and code of a request refused by a hard budget. */
    static final String BUDGET_EXCEEDED = "budget_exceeded";

    private final GatewayStages stages;
    private final FinopsSettings settings;
    private final Clock clock;
    private final ThreadLocal<Counted> lastCounted = new ThreadLocal<>();

    Spending(GatewayStages stages, FinopsSettings settings, Clock clock) {
        this.stages = stages;
        this.settings = settings;
        this.clock = clock;
    }

    /** Admits the request against its tenant's and key's rate limits, or refuses it with 429. */
    Decision limit(Decision decision, RateLimiter limiter, TenantPolicies policies) {
        if (!(decision instanceof Decision.Pending pending)) {
            return decision;
        }
        AiRequest request = pending.request();
        var tenantLimits = policies.tenantLimits(request.getTenantId());
        var keyLimits = policies.keyLimits(request.getTenantId(), request.getApiKeyId());
        if (tenantLimits.none() && keyLimits.none()) {
            return decision;
        }
        long tokens = tenantLimits.tokensPerMinute() == null && keyLimits.tokensPerMinute() == null
                ? 0 : promptTokens(request) + outputAllowance(request);
        RateLimiter.Verdict verdict = limiter.admit(request.getTenantId(), request.getApiKeyId(), tenantLimits,
                keyLimits, tokens, clock.instant());
        Decision.Pending limited = pending.limited(verdict.status());
        if (verdict.admitted()) {
            return limited;
        }
        Long retryAfterMillis = verdict.status().getRetryAfterMillis();
        String message = verdict.fits()
                ? "Rate limit reached for " + verdict.exceeded() + " per minute of this " + verdict.scope()
                        + ". Retry after " + retryAfterMillis + " ms."
                : "Request too large: it needs " + tokens + " tokens, more than this " + verdict.scope()
                        + "'s tokens-per-minute limit.";
        return stages.reject(limited, new ErrorInfo(429, ErrorTypes.RATE_LIMIT_EXCEEDED,
                verdict.fits() ? "rate_limit_exceeded" : "request_too_large", message, null,
                retryAfterMillis == null ? null : Math.max(1, (retryAfterMillis + 999) / 1000)));
    }

    /**
     * Reserves the request's worst-case cost (every target's price, the estimated input plus the
     * output allowance) against the budgets that cover it. A request without {@code max_tokens}
     * under a budget gets the default allowance as its {@code max_tokens}, so the provider holds
     * it to what was reserved.
     */
    Decision reserve(Decision decision, BudgetBook budgets) {
        if (!(decision instanceof Decision.Pending pending) || pending.invocation() == null) {
            return decision;
        }
        AiRequest request = pending.request();
        if (!budgets.applies(request.getTenantId(), request.getAppId())) {
            return decision;
        }
        Invocation invocation = pending.invocation();
        long worstCase = worstCase(invocation);
        Instant now = clock.instant();
        Instant heldUntil = request.getPriority() == Priority.BATCH ? request.getBatchDeadline() : null;
        BudgetBook.Refusal refusal = budgets.reserve(request.getTenantId(), request.getAppId(),
                request.getRequestId(), worstCase, request.getReceivedAt(), now, heldUntil);
        if (refusal != null) {
            Instant periodEnd = refusal.rule().period().end(refusal.rule().period().start(request.getReceivedAt()));
            long retryAfter = Math.max(1, Duration.between(now, periodEnd).toSeconds());
            return stages.reject(pending, new ErrorInfo(429, BUDGET_EXCEEDED, BUDGET_EXCEEDED, refusal.message(),
                    null, retryAfter)).alerting(refusal.alerts());
        }
        SamplingParams params = request.getParams();
        AiRequest capped = params.getMaxTokens() != null ? request : AiRequest.newBuilder(request)
                .setParams(SamplingParams.newBuilder(params).setMaxTokens(settings.defaultMaxTokens()).build())
                .build();
        Invocation reserved = Invocation.newBuilder(invocation).setRequest(capped).setReservedMicros(worstCase).build();
        return pending.invoking(reserved, null).annotatingRoute("reservedMicros", String.valueOf(worstCase));
    }

    /** The most the call can cost on any of its targets. */
    long worstCase(Invocation invocation) {
        AiRequest request = invocation.getRequest();
        var targets = invocation.getTargets().stream()
                .map(target -> new WorstCase.Priced(target.getProvider(), target.getPrice())).toList();
        return WorstCase.micros(request, targets, outputAllowance(request), () -> promptTokens(request));
    }

    /**
     * jtokkit's count of the request's prompt, remembered for the request the thread last counted:
     * the rate-limit and reservation stages both need it, and counting is the costly part.
     */
    private int promptTokens(AiRequest request) {
        Counted last = lastCounted.get();
        if (last != null && last.request() == request) {
            return last.tokens();
        }
        int tokens = TokenCounter.promptTokens(request);
        lastCounted.set(new Counted(request, tokens));
        return tokens;
    }

    private record Counted(AiRequest request, int tokens) {}

    private long outputAllowance(AiRequest request) {
        Integer max = request.getParams() == null ? null : request.getParams().getMaxTokens();
        return max == null ? settings.defaultMaxTokens() : max;
    }
}
