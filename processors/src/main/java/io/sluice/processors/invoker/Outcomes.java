package io.sluice.processors.invoker;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.Cancellation;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.Invocation;
import io.sluice.avro.Priority;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Target;
import io.sluice.avro.Timings;
import io.sluice.avro.Usage;
import io.sluice.processors.finops.Prices;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.records.AuditEvents;
import io.sluice.processors.records.Responses;
import io.sluice.schemas.ErrorTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the invoker emits for one invocation, as pure functions of the invocation, the provider's
 * result and the call's times: the final response and the audit events.
 *
 * <p>Provider errors become errors for the caller: upstream 5xx and unreachable providers 502
 * {@code upstream_error}; upstream timeouts (408, 504) 504 {@code timeout}; 429
 * {@code rate_limit_exceeded} with the provider's retry-after. Upstream 401 and 403 (the gateway's
 * credentials were refused, not the caller's) and 404, 405 and 415 (a wrong base URL or API
 * version, unless the upstream says {@code model_not_found}) are the gateway's fault: 502
 * {@code upstream_error}. Other 4xx keep their status as {@code invalid_request_error}.
 */
final class Outcomes {
    static final String STAGE = "invoker";
    /** The upstream error code that makes a 404 the caller's: the model is not there. */
    static final String MODEL_NOT_FOUND = "model_not_found";

    /** Upstream statuses that say the gateway is misconfigured rather than the caller mistaken. */
    private static final Set<Integer> GATEWAY_FAULTS = Set.of(401, 403, 404, 405, 415);

    private Outcomes() {}

    static AiResponse response(Invocation invocation, ProviderResult result, CallTimes times) {
        if (result instanceof ProviderError error) {
            return failure(invocation, errorInfo(error), times);
        }
        var completion = (Completion) result;
        return base(invocation, times)
                .setStatus(ResponseStatus.SUCCESS)
                .setResponseModel(completion.responseModel())
                .setProviderResponseId(completion.providerResponseId())
                .setChoices(completion.choices())
                .setUsage(completion.usage())
                .build();
    }

    static AiResponse failure(Invocation invocation, ErrorInfo error, CallTimes times) {
        return base(invocation, times).setStatus(ResponseStatus.ERROR).setError(error).build();
    }

    static ErrorInfo errorInfo(ProviderError error) {
        int status = error.httpStatus();
        if (status == 429) {
            return error(429, ErrorTypes.RATE_LIMIT_EXCEEDED, error.code(), error.message(),
                    retryAfterSeconds(error.retryAfter()));
        }
        if (ErrorTypes.SERVICE_UNAVAILABLE.equals(error.type())) {
            return error(503, ErrorTypes.SERVICE_UNAVAILABLE, error.code(), error.message(),
                    retryAfterSeconds(error.retryAfter()));
        }
        if (status == 408 || status == 504 || ErrorTypes.TIMEOUT.equals(error.type())) {
            return error(504, ErrorTypes.TIMEOUT, error.code(), error.message(), null);
        }
        boolean modelMissing = status == 404 && MODEL_NOT_FOUND.equals(error.code());
        if (status >= 500 || (GATEWAY_FAULTS.contains(status) && !modelMissing)) {
            return error(502, ErrorTypes.UPSTREAM_ERROR, error.code(), error.message(), null);
        }
        return error(status, ErrorTypes.INVALID_REQUEST, error.code(), error.message(), null);
    }

    /** The provider call failed with an exception rather than a result: a bug, or the invoker's deadline. */
    static ErrorInfo unexpected(String deployment, Throwable failure) {
        if (failure instanceof TimeoutException) {
            return error(504, ErrorTypes.TIMEOUT, null, "deployment " + deployment + " did not answer in time", null);
        }
        return error(500, ErrorTypes.SERVER_ERROR, "provider_failure",
                "the call to deployment " + deployment + " failed unexpectedly", null);
    }

    /** The requester went away and the call was aborted: 499, as nginx records it; nobody reads it. */
    static ErrorInfo cancelled() {
        return error(499, ErrorTypes.CANCELLED, "client_closed_request",
                "the requester went away before the answer; the provider call was aborted", null);
    }

    /** Personal data or secrets the model's answer held, as counts per {@code pii.TYPE.rule}; never values. */
    static AuditEvent outputSanitized(Invocation invocation, Map<String, Integer> counts, Instant at) {
        var details = new java.util.TreeMap<String, String>();
        counts.forEach((key, count) -> details.put("output." + key, String.valueOf(count)));
        return audit(invocation, AuditAction.SANITIZED, at)
                .setEventId(invocation.getRequest().getRequestId() + ":SANITIZED:output")
                .setReason("output")
                .setDetails(details)
                .setFindings(new java.util.TreeMap<>(counts))
                .build();
    }

    /** The requester went away: the call is aborted, or never made if it had not started. */
    static AuditEvent cancelled(Invocation invocation, Cancellation cancellation, Instant at) {
        return audit(invocation, AuditAction.CANCELLED, at)
                .setReason(cancellation.getReason())
                .setHttpStatus(499)
                .build();
    }

    /**
     * An attempt failed and another follows: {@code RETRIED} on the same model, {@code FELL_BACK}
     * to the next model of the route. The event id carries the attempt number, so that each is kept.
     */
    static AuditEvent retrying(Invocation invocation, Target failed, ProviderError error, Target next, Duration waited,
            int attempt, boolean fallback, Instant at) {
        AuditAction action = fallback ? AuditAction.FELL_BACK : AuditAction.RETRIED;
        return AuditEvents.forRequest(invocation.getRequest(), STAGE, action, at)
                .setEventId(invocation.getRequest().getRequestId() + ":" + action.name() + ":" + attempt)
                .setResolvedModel(next.getUpstreamModel())
                .setProvider(next.getProvider())
                .setDeployment(next.getDeployment())
                .setRegion(next.getRegion())
                .setReason(error.type())
                .setHttpStatus(error.httpStatus())
                .setDetails(Map.of(
                        "attempt", String.valueOf(attempt),
                        "failedDeployment", failed.getDeployment(),
                        "failedModel", failed.getModel(),
                        "nextModel", next.getModel(),
                        "waitedMs", String.valueOf(waited.toMillis())))
                .build();
    }

    static ErrorInfo unknownDeployment(String deployment) {
        return error(500, ErrorTypes.SERVER_ERROR, "deployment_not_configured",
                "deployment " + deployment + " is not configured on this invoker", null);
    }

    static AuditEvent invoked(Invocation invocation, Instant at) {
        return audit(invocation, AuditAction.INVOKED, at).setOutcome(false).build();
    }

    /** The batch deadline override reason: a batch request started outside its tenant's window. */
    static final String BATCH_DEADLINE_OVERRIDE = "batch_deadline_override";

    /**
     * {@code INVOKED} for a batch request started outside its tenant's off-peak window because the
     * end of its batch's completion window is near: the reason says so, the details name the batch
     * and its deadline.
     */
    static AuditEvent invokedForDeadline(Invocation invocation, Instant at) {
        AiRequest request = invocation.getRequest();
        var details = new java.util.TreeMap<String, String>();
        details.put("batchDeadline", String.valueOf(request.getBatchDeadline()));
        if (request.getBatchId() != null) {
            details.put("batchId", request.getBatchId());
        }
        return audit(invocation, AuditAction.INVOKED, at).setOutcome(false).setReason(BATCH_DEADLINE_OVERRIDE)
                .setDetails(details).build();
    }

    /** The one audit event of the request's outcome: tokens, cost and status equal the response's. */
    static AuditEvent responded(Invocation invocation, AiResponse response) {
        Timings timings = response.getTimings();
        Usage usage = response.getUsage();
        ErrorInfo error = response.getError();
        return audit(invocation, AuditAction.RESPONDED, timings.getCompletedAt())
                .setOutcome(true)
                .setReason(error == null ? null : error.getType())
                .setPromptTokens(usage == null ? null : usage.getPromptTokens())
                .setCompletionTokens(usage == null ? null : usage.getCompletionTokens())
                .setCostMicros(response.getCostMicros())
                .setLatencyMs(Duration.between(timings.getReceivedAt(), timings.getCompletedAt()).toMillis())
                .setHttpStatus(error == null ? 200 : error.getHttpStatus())
                .setCache(response.getCache())
                .setServedModel(response.getServedModel())
                .setMaskedCompletion(invocation.getAuditText() && !response.getChoices().isEmpty()
                        ? response.getChoices().get(0).getMessage().getContent() : null)
                .setDetails(outcomeDetails(response))
                .build();
    }

    private static Map<String, String> outcomeDetails(AiResponse response) {
        Timings timings = response.getTimings();
        var details = new java.util.TreeMap<String, String>();
        details.put("providerMs", String.valueOf(TimeUnit.NANOSECONDS.toMillis(timings.getProviderNanos())));
        if (timings.getFirstByteAt() != null) {
            details.put("ttftMs", String.valueOf(Duration.between(timings.getReceivedAt(), timings.getFirstByteAt()).toMillis()));
        }
        if (response.getError() != null && response.getError().getCode() != null) {
            details.put("errorCode", response.getError().getCode());
        }
        return details;
    }

    private static AiResponse.Builder base(Invocation invocation, CallTimes times) {
        AiRequest request = invocation.getRequest();
        var timings = Timings.newBuilder()
                .setReceivedAt(request.getReceivedAt())
                .setAdmittedAt(invocation.getAdmittedAt())
                .setInvokeStartedAt(times.invokeStartedAt())
                .setFirstByteAt(times.firstByteAt())
                .setCompletedAt(times.completedAt())
                .setProviderNanos(times.providerNanos())
                .build();
        Target target = answering(invocation);
        return Responses.base(request, times.completedAt())
                .setProvider(invocation.getProvider())
                .setDeployment(invocation.getDeployment())
                .setRegion(invocation.getRegion())
                .setAttempts(times.attempts())
                .setTimings(timings)
                .setServedModel(target == null ? request.getModel() : target.getModel())
                .setPriority(request.getPriority())
                .setRateLimit(invocation.getRateLimit())
                .setCache(invocation.getCacheKey() == null ? null : "miss");
    }

    /**
     * The response with its cost: the answering target's price applied to the usage (actual, or
     * estimated for a call cut short), with the batch discount for batch requests.
     */
    static AiResponse priced(Invocation invocation, AiResponse response) {
        Target target = answering(invocation);
        if (target != null && target.getPrice() != null && response.getUsage() != null) {
            response.setCostMicros(Prices.costMicros(target.getPrice(), response.getUsage(),
                    invocation.getRequest().getPriority() == Priority.BATCH));
        }
        return response;
    }

    /** The target of the invocation's deployment and upstream model; null for records from before targets. */
    private static Target answering(Invocation invocation) {
        for (Target target : invocation.getTargets()) {
            if (target.getDeployment().equals(invocation.getDeployment())
                    && target.getUpstreamModel().equals(invocation.getUpstreamModel())) {
                return target;
            }
        }
        return null;
    }

    private static AuditEvent.Builder audit(Invocation invocation, AuditAction action, Instant at) {
        return AuditEvents.forRequest(invocation.getRequest(), STAGE, action, at)
                .setResolvedModel(invocation.getUpstreamModel())
                .setProvider(invocation.getProvider())
                .setDeployment(invocation.getDeployment())
                .setRegion(invocation.getRegion());
    }

    private static ErrorInfo error(int status, String type, String code, String message, Long retryAfterSeconds) {
        return ErrorInfo.newBuilder()
                .setHttpStatus(status)
                .setType(type)
                .setCode(code)
                .setMessage(message)
                .setRetryAfterSeconds(retryAfterSeconds)
                .build();
    }

    private static Long retryAfterSeconds(Duration retryAfter) {
        if (retryAfter == null) {
            return null;
        }
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(0, seconds);
    }
}
