package io.sluice.processors.batch;

import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.BatchState;
import io.sluice.avro.BatchStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publishes a batch's state: stores it with the next revision, sends it to the compacted
 * {@code batches} topic (which the API reads), and on a change of status sends one audit event
 * {@code batch.<status>} with the request counts. Audit event ids are {@code <batchId>:batch.<status>},
 * so a replay deduplicates in the audit chain.
 */
final class BatchEvents {
    static final String STAGE = "batch";

    private final ProcessorContext<String, Object> context;
    private final KeyValueStore<String, BatchState> states;
    private final Clock clock;

    BatchEvents(ProcessorContext<String, Object> context, KeyValueStore<String, BatchState> states, Clock clock) {
        this.context = context;
        this.states = states;
        this.clock = clock;
    }

    static boolean terminal(BatchStatus status) {
        return switch (status) {
            case COMPLETED, FAILED, EXPIRED, CANCELLED -> true;
            default -> false;
        };
    }

    void publish(BatchState state) {
        BatchState previous = states.get(state.getBatchId());
        long revision = Math.max(state.getRevision(), previous == null ? 0 : previous.getRevision()) + 1;
        BatchState published = BatchState.newBuilder(state).setRevision(revision).build();
        states.put(published.getBatchId(), published);
        long now = clock.millis();
        context.forward(new Record<String, Object>(published.getBatchId(), published, now), BatchTopology.STATES_SINK);
        if (previous == null || previous.getStatus() != published.getStatus()) {
            AuditEvent event = audit(published, Instant.ofEpochMilli(now));
            context.forward(new Record<String, Object>(published.getTenantId(), event, now), BatchTopology.AUDIT_SINK);
        }
    }

    /** The audit event of a batch reaching its current status. */
    static AuditEvent audit(BatchState state, Instant at) {
        String status = state.getStatus().name().toLowerCase(Locale.ROOT);
        return AuditEvent.newBuilder()
                .setEventId(state.getBatchId() + ":batch." + status)
                .setRequestId(state.getBatchId())
                .setTenantId(state.getTenantId())
                .setAppId(state.getAppId())
                .setApiKeyId(state.getApiKeyId())
                .setStage(STAGE)
                .setAction(action(state.getStatus()))
                .setReason("batch." + status)
                .setTimestamp(at)
                .setDetails(Map.of(
                        "batch.status", status,
                        "batch.source", state.getSource(),
                        "batch.total", String.valueOf(state.getTotal()),
                        "batch.completed", String.valueOf(state.getCompleted()),
                        "batch.failed", String.valueOf(state.getFailed())))
                .build();
    }

    private static AuditAction action(BatchStatus status) {
        return switch (status) {
            case VALIDATING -> AuditAction.ACCEPTED;
            case COMPLETED -> AuditAction.RESPONDED;
            case FAILED -> AuditAction.FAILED;
            case EXPIRED -> AuditAction.EXPIRED;
            case CANCELLED -> AuditAction.CANCELLED;
            default -> AuditAction.OTHER;
        };
    }
}
