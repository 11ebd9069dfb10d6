package io.sluice.ingress;

import io.sluice.avro.AiRequest;
import io.sluice.avro.BudgetStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Refuses, at submission, a batch that cannot fit: the sum of its requests' worst-case costs
 * against what each hard budget covering its tenant and app has left in the current period (as
 * the gateway last published it). Soft budgets only alert, so they do not refuse. Each request is
 * still admitted, reserved and settled one by one by the gateway.
 */
final class BatchBudget {
    static final String BUDGET_EXCEEDED = "budget_exceeded";

    private final BudgetBoard board;
    private final BatchPricing pricing;

    BatchBudget(BudgetBoard board, BatchPricing pricing) {
        this.board = board;
        this.pricing = pricing;
    }

    /** The worst case of all {@code requests}, in micro-dollars. */
    long worstCase(List<AiRequest> requests) {
        long sum = 0;
        for (AiRequest request : requests) {
            sum = Math.addExact(sum, pricing.worstCaseMicros(request));
        }
        return sum;
    }

    /** Null when {@code worstCaseMicros} fits every hard budget of the tenant and app; else the 429 to answer. */
    ApiError check(String tenant, String app, long worstCaseMicros, Instant now) {
        if (board == null) {
            return null;
        }
        String appScope = app == null ? null : "app:" + app;
        for (BudgetStatus budget : board.budgets(tenant)) {
            boolean covers = budget.getScope().equals("tenant") || budget.getScope().equals(appScope);
            if (!covers || !budget.getHard() || !budget.getPeriodEnd().isAfter(now)) {
                continue;
            }
            long left = Math.max(0, budget.getLimitMicros() - budget.getCommittedMicros() - budget.getReservedMicros());
            if (worstCaseMicros > left) {
                long retryAfter = Math.max(1, Duration.between(now, budget.getPeriodEnd()).toSeconds());
                return new ApiError(429, BUDGET_EXCEEDED, BUDGET_EXCEEDED, "This batch could cost up to $"
                        + dollars(worstCaseMicros) + " at batch prices, more than the $" + dollars(left)
                        + " left in the " + budget.getPeriod() + " budget of " + budget.getScope()
                        + ". Split it, lower max_tokens, or wait for the next period.", null, retryAfter);
            }
        }
        return null;
    }

    private static String dollars(long micros) {
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }
}
