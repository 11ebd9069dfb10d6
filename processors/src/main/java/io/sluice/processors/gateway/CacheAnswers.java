package io.sluice.processors.gateway;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.RateLimitStatus;
import io.sluice.avro.Timings;
import io.sluice.processors.records.AuditEvents;
import java.time.Instant;
import java.util.Map;

/** Answers the gateway gives from its cache: the stored answer, re-addressed to the request that asked. */
final class CacheAnswers {
    private CacheAnswers() {}

    /**
     * {@code answer} as the final response of {@code request}: its ids, reply address and limits,
     * no provider time, cache {@code hit}, no cost, and the answer's cost as the saving. The usage
     * is the answer's, as the client would have seen it.
     */
    static AiResponse hit(AiRequest request, AiResponse answer, RateLimitStatus rateLimit, Instant now) {
        return AiResponse.newBuilder(answer)
                .setRequestId(request.getRequestId())
                .setTenantId(request.getTenantId())
                .setAppId(request.getAppId())
                .setApiKeyId(request.getApiKeyId())
                .setModel(request.getModel())
                .setCreated(now.getEpochSecond())
                .setReplyTo(request.getReplyTo())
                .setPriority(request.getPriority())
                .setPromptName(request.getPrompt() == null ? null : request.getPrompt().getName())
                .setPromptVersion(request.getPrompt() == null ? null : request.getPrompt().getVersion())
                .setBatchId(request.getBatchId())
                .setAttempts(0)
                .setCache("hit")
                .setCostMicros(0)
                .setSavedCostMicros(answer.getCostMicros() + answer.getSavedCostMicros())
                .setRateLimit(rateLimit)
                .setError(null)
                .setTimings(Timings.newBuilder()
                        .setReceivedAt(request.getReceivedAt())
                        .setAdmittedAt(now)
                        .setCompletedAt(now)
                        .build())
                .build();
    }

    /** The outcome event of a request answered from the cache. */
    static AuditEvent hitEvent(AiRequest request, AiResponse response, Instant now) {
        return AuditEvents.forRequest(request, GatewayStages.STAGE, AuditAction.CACHE_HIT, now)
                .setOutcome(true)
                .setReason("cache_hit")
                .setResolvedModel(response.getServedModel())
                .setProvider(response.getProvider())
                .setDeployment(response.getDeployment())
                .setPromptTokens(response.getUsage() == null ? null : response.getUsage().getPromptTokens())
                .setCompletionTokens(response.getUsage() == null ? null : response.getUsage().getCompletionTokens())
                .setCostMicros(0L)
                .setLatencyMs(now.toEpochMilli() - request.getReceivedAt().toEpochMilli())
                .setHttpStatus(200)
                .setCache("hit")
                .setServedModel(response.getServedModel())
                .setDetails(Map.of("savedMicros", String.valueOf(response.getSavedCostMicros())))
                .build();
    }
}
