package io.sluice.processors.records;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import java.time.Instant;

/** Audit events about one request. */
public final class AuditEvents {
    private AuditEvents() {}

    /**
     * An event about {@code request} with its ids, the model it asked for, and the deterministic
     * event id {@code <requestId>:<ACTION>} (so a replayed decision deduplicates downstream). The
     * caller adds what the stage decided (route, outcome, tokens) and builds it.
     */
    public static AuditEvent.Builder forRequest(AiRequest request, String stage, AuditAction action, Instant at) {
        return AuditEvent.newBuilder()
                .setEventId(request.getRequestId() + ":" + action.name())
                .setRequestId(request.getRequestId())
                .setTenantId(request.getTenantId())
                .setAppId(request.getAppId())
                .setUser(request.getUser())
                .setApiKeyId(request.getApiKeyId())
                .setStage(stage)
                .setAction(action)
                .setRequestedModel(request.getModel())
                .setReceivedAt(request.getReceivedAt())
                .setPromptName(request.getPrompt() == null ? null : request.getPrompt().getName())
                .setPromptVersion(request.getPrompt() == null ? null : request.getPrompt().getVersion())
                .setTimestamp(at);
    }
}
