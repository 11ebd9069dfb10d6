package io.sluice.processors.invoker;

import io.sluice.avro.Invocation;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;

/**
 * One invocation record being worked on. It is finished when the provider call is done and every
 * record produced for it is acknowledged: the pending count starts at one for the call itself and
 * grows by one per produce. Used by the poll thread only.
 */
final class Job {
    private final TopicPartition partition;
    private final long offset;
    private final OffsetTracker tracker;
    private final Invocation invocation;
    private int pending = 1;
    private boolean answered;
    private Instant invokeStartedAt;
    private long startNanos;
    private Attempts attempts;
    private boolean deadlineOverride;

    Job(TopicPartition partition, long offset, OffsetTracker tracker, Invocation invocation) {
        this.partition = partition;
        this.offset = offset;
        this.tracker = tracker;
        this.invocation = invocation;
    }

    TopicPartition partition() {
        return partition;
    }

    long offset() {
        return offset;
    }

    OffsetTracker tracker() {
        return tracker;
    }

    Invocation invocation() {
        return invocation;
    }

    String requestId() {
        return invocation.getRequest().getRequestId();
    }

    String tenantId() {
        return invocation.getRequest().getTenantId();
    }

    /** The end of the batch's completion window, for a batch request that has one; else null. */
    Instant batchDeadline() {
        return invocation.getRequest().getBatchDeadline();
    }

    /** Marks a batch record started outside its tenant's window because its batch deadline is near. */
    void deadlineOverride(boolean override) {
        this.deadlineOverride = override;
    }

    boolean deadlineOverride() {
        return deadlineOverride;
    }

    void started(Instant at, long nanos) {
        this.invokeStartedAt = at;
        this.startNanos = nanos;
    }

    Instant invokeStartedAt() {
        return invokeStartedAt;
    }

    long startNanos() {
        return startNanos;
    }

    void attempts(Attempts attempts) {
        this.attempts = attempts;
    }

    /** The requester went away: the provider call in flight, if any, is aborted. */
    void cancel() {
        if (attempts != null && !answered) {
            attempts.cancel();
        }
    }

    /** The provider call is done and the final records are on their way; no chunk may follow. */
    void answered() {
        answered = true;
    }

    boolean isAnswered() {
        return answered;
    }

    /** One more produce to wait for. */
    void expect() {
        pending++;
    }

    /** One produce acknowledged, or the call done; true when nothing is left. */
    boolean settle() {
        return --pending == 0;
    }
}
