package io.sluice.processors.batch;

import io.sluice.avro.AiResponse;
import io.sluice.avro.BatchCommand;
import io.sluice.avro.BatchState;
import io.sluice.avro.BatchStatus;
import io.sluice.avro.ResponseStatus;
import io.sluice.schemas.BatchIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka-native batches: requests an app produced itself with {@code priority=BATCH} and a batch
 * id. The coordinator sees only their responses, so such a batch starts with its first response
 * or with a DECLARE command, and is counted once per request id. It completes (one final state on
 * {@code batches} and one {@code batch.completed} audit event) when:
 * <ul>
 *   <li>declared with an expected count: as soon as that many requests have their response;</li>
 *   <li>undeclared (or declared with count 0): once no response of it arrived for
 *       {@code nativeQuietPeriod};</li>
 *   <li>declared with an {@code expiresAt}: at that time at the latest, as expired.</li>
 * </ul>
 * The results themselves are on {@code responses}: no output file is written.
 */
final class NativeBatches {
    private static final Logger log = LoggerFactory.getLogger(NativeBatches.class);
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, BatchState> states;
    private final KeyValueStore<String, String> seen;
    private final BatchEvents events;
    private final BatchSettings settings;
    private final Consumer<String> changed;

    /** @param seen the coordinator's results store: here one empty entry per answered request id */
    NativeBatches(KeyValueStore<String, BatchState> states, KeyValueStore<String, String> seen, BatchEvents events,
            BatchSettings settings, Consumer<String> changed) {
        this.states = states;
        this.seen = seen;
        this.events = events;
        this.settings = settings;
        this.changed = changed;
    }

    /** A DECLARE command; returns the batch id when it started a batch. */
    Optional<String> declare(BatchState state, BatchCommand command, Instant now) {
        if (command.getBatch() == null) {
            return Optional.empty();
        }
        if (state == null) {
            events.publish(BatchState.newBuilder(command.getBatch()).setSource(BatchIds.SOURCE_KAFKA)
                    .setStatus(BatchStatus.IN_PROGRESS).setCreatedAt(now).setInProgressAt(now)
                    .setCompleted(0).setFailed(0).setRevision(0).build());
            return Optional.of(command.getBatchId());
        }
        if (!BatchIds.SOURCE_KAFKA.equals(state.getSource()) || BatchEvents.terminal(state.getStatus())) {
            return Optional.empty();
        }
        BatchState declared = BatchState.newBuilder(state).setTotal(command.getBatch().getTotal())
                .setExpiresAt(command.getBatch().getExpiresAt()).setMetadata(command.getBatch().getMetadata()).build();
        events.publish(declared);
        completeIfCounted(states.get(state.getBatchId()), now);
        return Optional.empty();
    }

    /** A response of a Kafka-native batch; returns the batch id when it started a batch. */
    Optional<String> answered(BatchState state, AiResponse response, Instant now) {
        Optional<String> started = Optional.empty();
        if (state == null) {
            state = BatchState.newBuilder().setBatchId(response.getBatchId()).setTenantId(response.getTenantId())
                    .setAppId(response.getAppId()).setApiKeyId(response.getApiKeyId()).setSource(BatchIds.SOURCE_KAFKA)
                    .setStatus(BatchStatus.IN_PROGRESS).setCreatedAt(now).setInProgressAt(now).build();
            events.publish(state);
            state = states.get(response.getBatchId());
            started = Optional.of(state.getBatchId());
        }
        if (!state.getTenantId().equals(response.getTenantId())) {
            log.warn("batch.foreign_response batch_id={} tenant={}", state.getBatchId(), response.getTenantId());
            return started;
        }
        String key = BatchCoordinator.key(state.getBatchId(), response.getRequestId());
        if (BatchEvents.terminal(state.getStatus()) || seen.get(key) != null) {
            return started;
        }
        seen.put(key, "");
        boolean success = response.getStatus() == ResponseStatus.SUCCESS;
        BatchState next = BatchState.newBuilder(state)
                .setCompleted(state.getCompleted() + (success ? 1 : 0))
                .setFailed(state.getFailed() + (success ? 0 : 1))
                .setLastActivityAt(now)
                .build();
        states.put(next.getBatchId(), next);
        changed.accept(next.getBatchId());
        completeIfCounted(next, now);
        return started;
    }

    /** A tick: an undeclared batch completes after its quiet period. */
    void tick(BatchState state, Instant now) {
        Instant last = state.getLastActivityAt() != null ? state.getLastActivityAt() : state.getCreatedAt();
        if (state.getTotal() == 0 && !now.isBefore(last.plus(settings.nativeQuietPeriod()))) {
            finish(state, BatchStatus.COMPLETED, now);
        }
    }

    void finish(BatchState state, BatchStatus status, Instant now) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = seen.prefixScan(BatchCoordinator.prefix(state.getBatchId()),
                KEYS)) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(seen::delete);
        var done = BatchState.newBuilder(states.get(state.getBatchId())).setStatus(status);
        if (status == BatchStatus.EXPIRED) {
            done.setExpiredAt(now);
        } else {
            done.setCompletedAt(now);
        }
        events.publish(done.build());
        log.info("batch.finished batch_id={} tenant={} source=kafka status={} completed={} failed={}",
                state.getBatchId(), state.getTenantId(), status, done.getCompleted(), done.getFailed());
    }

    private void completeIfCounted(BatchState state, Instant now) {
        if (state.getTotal() > 0 && state.getCompleted() + state.getFailed() >= state.getTotal()) {
            finish(state, BatchStatus.COMPLETED, now);
        }
    }
}
