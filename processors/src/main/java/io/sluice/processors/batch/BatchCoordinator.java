package io.sluice.processors.batch;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.BatchCommand;
import io.sluice.avro.BatchError;
import io.sluice.avro.BatchState;
import io.sluice.avro.BatchStatus;
import io.sluice.avro.Cancellation;
import io.sluice.schemas.BatchIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the batches of the tenants of one task. From {@code batch.commands}: CREATE starts a batch
 * (validating), its LINEs are kept (valid) or recorded as errors (invalid), and once every line is
 * in, the batch is in progress (or failed, when no line is valid). Each tick sends a slice of
 * lines to {@code requests}, keeping at most {@code maxInFlight} unanswered. From
 * {@code responses}: a batch's answers are recorded once each (by request id), and when the last
 * is in the batch is finalized: its output and error files are written and it completes. CANCEL
 * stops the sending, calls back what is in flight, and ends as cancelled once those answered (or
 * the grace passed); the end of the completion window expires what is left. Kafka-native batches
 * are counted from their responses alone ({@link NativeBatches}).
 *
 * <p>Stores: {@link #STATES} (batch id to state), {@link #LINES} (lines not sent yet),
 * {@link #OUTSTANDING} (requests sent, not answered, to their custom id) and {@link #RESULTS}
 * (result lines, prefixed {@code o} for the output file or {@code e} for the error file). Keys of
 * the last three are {@code batchId NUL suffix}, so a batch's entries are one prefix scan.
 */
final class BatchCoordinator implements Processor<String, Object, String, Object> {
    private static final Logger log = LoggerFactory.getLogger(BatchCoordinator.class);
    static final String STATES = "batch-states";
    static final String LINES = "batch-lines";
    static final String RESULTS = "batch-results";
    static final String OUTSTANDING = "batch-outstanding";
    static final String OUTPUT = "o";
    static final String ERROR = "e";
    private static final StringSerializer KEYS = new StringSerializer();

    private final BatchSettings settings;
    private final Clock clock;
    /** Ids of the batches not finished yet; rebuilt from {@link #STATES} when the task starts. */
    private final Set<String> active = new LinkedHashSet<>();
    /** Batches whose counts changed since they were last published. */
    private final Set<String> dirty = new LinkedHashSet<>();
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, BatchState> states;
    private KeyValueStore<String, BatchCommand> lines;
    private KeyValueStore<String, String> results;
    private KeyValueStore<String, String> outstanding;
    private BatchEvents events;
    private NativeBatches natives;

    BatchCoordinator(BatchSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.states = context.getStateStore(STATES);
        this.lines = context.getStateStore(LINES);
        this.results = context.getStateStore(RESULTS);
        this.outstanding = context.getStateStore(OUTSTANDING);
        this.events = new BatchEvents(context, states, clock);
        this.natives = new NativeBatches(states, results, events, settings, dirty::add);
        try (KeyValueIterator<String, BatchState> all = states.all()) {
            all.forEachRemaining(entry -> {
                if (!BatchEvents.terminal(entry.value.getStatus())) {
                    active.add(entry.key);
                }
            });
        }
        context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, ignored -> tick());
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof BatchCommand command) {
            command(command);
        } else if (record.value() instanceof AiResponse response && response.getBatchId() != null) {
            response(response);
        }
    }

    private void command(BatchCommand command) {
        BatchState state = states.get(command.getBatchId());
        if (state != null && !state.getTenantId().equals(command.getTenantId())) {
            log.warn("batch.foreign_command batch_id={} tenant={}", command.getBatchId(), command.getTenantId());
            return;
        }
        switch (command.getAction()) {
            case CREATE -> create(state, command);
            case LINE -> line(state, command);
            case CANCEL -> cancel(state);
            case DECLARE -> natives.declare(state, command, clock.instant()).ifPresent(this::activate);
            default -> log.warn("batch.unknown_action batch_id={} action={}", command.getBatchId(), command.getAction());
        }
    }

    private void create(BatchState existing, BatchCommand command) {
        if (existing != null || command.getBatch() == null) {
            return;
        }
        BatchState state = BatchState.newBuilder(command.getBatch()).setStatus(BatchStatus.VALIDATING)
                .setReceived(0).setExpanded(0).setInvalid(0).setCompleted(0).setFailed(0).setRevision(0).build();
        activate(state.getBatchId());
        events.publish(state);
    }

    private void activate(String batchId) {
        active.add(batchId);
    }

    private void line(BatchState state, BatchCommand command) {
        if (state == null || state.getStatus() != BatchStatus.VALIDATING) {
            return;
        }
        String batchId = state.getBatchId();
        String lineKey = key(batchId, String.format("%09d", command.getLine()));
        String requestId = command.getRequest() != null ? command.getRequest().getRequestId()
                : BatchIds.requestId(batchId, command.getLine());
        if (lines.get(lineKey) != null || results.get(key(batchId, requestId)) != null) {
            return;
        }
        var next = BatchState.newBuilder(state).setReceived(state.getReceived() + 1);
        if (command.getError() != null) {
            results.put(key(batchId, requestId), ERROR + ResultLines.notSent(requestId, command.getCustomId(),
                    command.getError()));
            next.setInvalid(state.getInvalid() + 1).setFailed(state.getFailed() + 1);
        } else {
            lines.put(lineKey, command);
        }
        if (next.getReceived() < next.getTotal()) {
            states.put(batchId, next.build());
            return;
        }
        Instant now = clock.instant();
        if (next.getInvalid() == next.getTotal()) {
            next.setErrors(List.of(new BatchError("no_valid_lines",
                    "No line of the input file is a valid request; see the error file.", null, null)));
            finish(next.build(), BatchStatus.FAILED, now);
        } else {
            events.publish(next.setStatus(BatchStatus.IN_PROGRESS).setInProgressAt(now).build());
        }
    }

    private void cancel(BatchState state) {
        if (state == null || BatchEvents.terminal(state.getStatus()) || state.getStatus() == BatchStatus.CANCELLING) {
            return;
        }
        Instant now = clock.instant();
        deleteAll(lines, state.getBatchId(), entry -> { });
        callBack(state.getBatchId(), "batch_cancelled", now);
        BatchState cancelling = BatchState.newBuilder(state).setStatus(BatchStatus.CANCELLING).setCancellingAt(now)
                .build();
        events.publish(cancelling);
        if (inFlight(cancelling) == 0) {
            finish(cancelling, BatchStatus.CANCELLED, now);
        }
    }

    private void response(AiResponse response) {
        String batchId = response.getBatchId();
        BatchState state = states.get(batchId);
        if (state == null || BatchIds.SOURCE_KAFKA.equals(state.getSource())) {
            natives.answered(state, response, clock.instant()).ifPresent(this::activate);
            return;
        }
        String resultKey = key(batchId, response.getRequestId());
        String customId = outstanding.get(resultKey);
        if (BatchEvents.terminal(state.getStatus()) || customId == null
                || !state.getTenantId().equals(response.getTenantId())) {
            return;
        }
        outstanding.delete(resultKey);
        boolean success = ResultLines.success(response);
        results.put(resultKey, (success ? OUTPUT : ERROR) + ResultLines.answered(response, customId));
        BatchState next = BatchState.newBuilder(state)
                .setCompleted(state.getCompleted() + (success ? 1 : 0))
                .setFailed(state.getFailed() + (success ? 0 : 1))
                .setLastActivityAt(clock.instant())
                .build();
        states.put(batchId, next);
        dirty.add(batchId);
        finishIfDone(next, clock.instant());
    }

    private void finishIfDone(BatchState state, Instant now) {
        if (state.getStatus() == BatchStatus.IN_PROGRESS
                && state.getCompleted() + state.getFailed() >= state.getTotal()) {
            events.publish(BatchState.newBuilder(state).setStatus(BatchStatus.FINALIZING).setFinalizingAt(now).build());
            finish(states.get(state.getBatchId()), BatchStatus.COMPLETED, now);
        } else if (state.getStatus() == BatchStatus.CANCELLING && inFlight(state) == 0) {
            finish(state, BatchStatus.CANCELLED, now);
        }
    }

    /** Requests of the batch sent and not answered yet. */
    private static int inFlight(BatchState state) {
        return state.getExpanded() + state.getInvalid() - state.getCompleted() - state.getFailed();
    }

    private void tick() {
        Instant now = clock.instant();
        for (String batchId : List.copyOf(active)) {
            BatchState state = states.get(batchId);
            if (state == null || BatchEvents.terminal(state.getStatus())) {
                active.remove(batchId);
            } else if (state.getExpiresAt() != null && !now.isBefore(state.getExpiresAt())) {
                expire(state, now);
            } else if (BatchIds.SOURCE_KAFKA.equals(state.getSource())) {
                natives.tick(state, now);
            } else if (state.getStatus() == BatchStatus.IN_PROGRESS) {
                expand(state);
            } else if (state.getStatus() == BatchStatus.CANCELLING
                    && !now.isBefore(state.getCancellingAt().plus(settings.cancelGrace()))) {
                callBack(batchId, "batch_cancelled", now);
                finish(states.get(batchId), BatchStatus.CANCELLED, now);
            }
        }
        for (String batchId : List.copyOf(dirty)) {
            BatchState state = states.get(batchId);
            if (state != null && !BatchEvents.terminal(state.getStatus())) {
                events.publish(state);
            }
        }
        dirty.clear();
    }

    /** Sends the next slice of the batch's lines, as far as the in-flight limit allows. */
    private void expand(BatchState state) {
        int room = Math.min(settings.sliceLines(), settings.maxInFlight() - inFlight(state));
        if (room <= 0) {
            return;
        }
        String batchId = state.getBatchId();
        List<String> sent = new ArrayList<>(room);
        try (KeyValueIterator<String, BatchCommand> pending = lines.prefixScan(prefix(batchId), KEYS)) {
            while (pending.hasNext() && sent.size() < room) {
                KeyValue<String, BatchCommand> entry = pending.next();
                AiRequest request = entry.value.getRequest();
                outstanding.put(key(batchId, request.getRequestId()), nonNull(entry.value.getCustomId()));
                context.forward(new Record<String, Object>(request.getTenantId(), request, clock.millis()),
                        BatchTopology.REQUESTS_SINK);
                sent.add(entry.key);
            }
        }
        if (sent.isEmpty()) {
            return;
        }
        sent.forEach(lines::delete);
        states.put(batchId, BatchState.newBuilder(state).setExpanded(state.getExpanded() + sent.size()).build());
        dirty.add(batchId);
    }

    /** The completion window ended: what was not sent or not answered goes to the error file as batch_expired. */
    private void expire(BatchState state, Instant now) {
        if (BatchIds.SOURCE_KAFKA.equals(state.getSource())) {
            natives.finish(state, BatchStatus.EXPIRED, now);
            active.remove(state.getBatchId());
            return;
        }
        String batchId = state.getBatchId();
        BatchError expired = new BatchError("batch_expired",
                "This request could not be executed before the completion window expired.", null, null);
        int[] failed = {0};
        deleteAll(lines, batchId, entry -> {
            AiRequest request = entry.value.getRequest();
            results.put(key(batchId, request.getRequestId()),
                    ERROR + ResultLines.notSent(request.getRequestId(), entry.value.getCustomId(), expired));
            failed[0]++;
        });
        callBack(batchId, "batch_expired", now);
        finish(BatchState.newBuilder(state).setFailed(state.getFailed() + failed[0]).build(), BatchStatus.EXPIRED, now);
    }

    /**
     * Cancels every request of the batch still in flight: the invoker answers 499 for those it
     * gets in time, and {@link #finish} records the others in the error file.
     */
    private void callBack(String batchId, String reason, Instant now) {
        forEach(outstanding, batchId, entry -> {
            String requestId = entry.key.substring(prefix(batchId).length());
            context.forward(new Record<String, Object>(requestId, new Cancellation(requestId, reason, now),
                    now.toEpochMilli()), BatchTopology.CANCELS_SINK);
        });
    }

    /**
     * Ends the batch: writes its output and error files from the recorded results (requests still
     * in flight are recorded as {@code batch_cancelled} / {@code batch_expired} errors), clears
     * its entries and publishes the final state.
     */
    private void finish(BatchState state, BatchStatus status, Instant now) {
        String batchId = state.getBatchId();
        var files = new ResultFiles(state, now, settings.chunkBytes(), context);
        int[] lost = {0};
        deleteAll(outstanding, batchId, entry -> {
            files.notAnswered(entry.key.substring(prefix(batchId).length()), entry.value, status);
            lost[0]++;
        });
        deleteAll(results, batchId, entry -> files.result(entry.value));
        deleteAll(lines, batchId, entry -> { });
        files.close();
        BatchState.Builder done = BatchState.newBuilder(state).setStatus(status)
                .setFailed(state.getFailed() + lost[0])
                .setOutputFileId(files.outputFileId())
                .setErrorFileId(files.errorFileId());
        switch (status) {
            case COMPLETED -> done.setCompletedAt(now);
            case FAILED -> done.setFailedAt(now);
            case EXPIRED -> done.setExpiredAt(now);
            case CANCELLED -> done.setCancelledAt(now);
            default -> throw new IllegalArgumentException("not a final status: " + status);
        }
        events.publish(done.build());
        active.remove(batchId);
        dirty.remove(batchId);
        log.info("batch.finished batch_id={} tenant={} status={} total={} completed={} failed={}", batchId,
                state.getTenantId(), status, state.getTotal(), state.getCompleted(), done.getFailed());
    }

    private interface EntryAction<V> {
        void apply(KeyValue<String, V> entry);
    }

    private static <V> void forEach(KeyValueStore<String, V> store, String batchId, EntryAction<V> action) {
        try (KeyValueIterator<String, V> entries = store.prefixScan(prefix(batchId), KEYS)) {
            entries.forEachRemaining(action::apply);
        }
    }

    private static <V> void deleteAll(KeyValueStore<String, V> store, String batchId, EntryAction<V> action) {
        List<String> keys = new ArrayList<>();
        forEach(store, batchId, entry -> {
            action.apply(entry);
            keys.add(entry.key);
        });
        keys.forEach(store::delete);
    }

    static String key(String batchId, String suffix) {
        return prefix(batchId) + suffix;
    }

    static String prefix(String batchId) {
        return batchId + '\u0000';
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    @Override
    public void close() {
        active.clear();
        dirty.clear();
    }
}
