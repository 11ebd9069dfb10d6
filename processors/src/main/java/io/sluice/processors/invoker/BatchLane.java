package io.sluice.processors.invoker;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invoker's handling of {@code invocations.batch}: the same consumer reads it, but its records
 * go to a {@link BatchHold} and start only inside their tenant's off-peak window (or when their
 * batch deadline is near), within a batch budget of their own, and only while the
 * {@link CapacityGuard} says interactive work leaves room. While the guard is closed or the hold is
 * full, the batch partitions are paused, so interactive polling never waits on batch records.
 * Poll thread only.
 */
final class BatchLane {
    private static final Logger log = LoggerFactory.getLogger(BatchLane.class);

    private final String topic;
    private final BatchHold hold;
    private final CapacityGuard guard;
    private final InvokerMetrics metrics;
    private volatile boolean paused;

    BatchLane(String topic, BatchSchedule schedule, Clock clock, Circuits circuits, Work work,
            InvokerMetrics metrics) {
        this.topic = topic;
        this.hold = new BatchHold(schedule, clock);
        this.guard = new CapacityGuard(schedule.pauseAt(), schedule.resumeAt(),
                () -> circuits.rateLimited(schedule.rateLimitQuiet()));
        this.metrics = metrics;
        metrics.batch(work.batchInFlight(), hold::held, () -> paused);
    }

    boolean owns(TopicPartition partition) {
        return partition.topic().equals(topic);
    }

    /** A batch record read: it waits in the hold until it may start. */
    void hold(Job job) {
        hold.add(job);
    }

    /**
     * A held record whose request was cancelled goes first, past windows and the guard: starting
     * it only completes it as cancelled (the dispatcher remembers the cancellation), so that it
     * neither waits for its window holding a budget reservation nor reaches a provider after a
     * restart has forgotten the cancellation.
     */
    void cancelled(String requestId) {
        hold.cancelled(requestId);
    }

    /** The next batch record to start now, or null; updates the guard with the work in flight. */
    Job next(Work work) {
        boolean wasOpen = guard.isOpen();
        boolean open = guard.update(work.interactiveInFlight());
        if (open != wasOpen) {
            log.info("batch capacity guard {} interactiveInFlight={} batchInFlight={} held={}",
                    open ? "opened" : "closed", work.interactiveInFlight(), work.batchInFlight().get(), hold.held());
        }
        if (!work.hasRoom()) {
            return null;
        }
        Job job = hold.next(open, work.batchInFlight().get());
        if (job != null && job.deadlineOverride()) {
            log.info("batch request runs outside its window, its deadline is near requestId={} tenant={}"
                    + " batchId={} batchDeadline={}", job.requestId(), job.tenantId(),
                    job.invocation().getRequest().getBatchId(), job.batchDeadline());
            metrics.deadlineOverride(job.tenantId());
        }
        return job;
    }

    /** The batch partitions among {@code assigned} to pause now: all of them while the guard is closed or the hold full. */
    Set<TopicPartition> toPause(Collection<TopicPartition> assigned) {
        paused = !guard.isOpen() || hold.full();
        return paused ? assigned.stream().filter(this::owns).collect(Collectors.toSet()) : Set.of();
    }

    /** Forgets the held records of these partitions (they never started; their next owner reads them). */
    void drop(Collection<TopicPartition> partitions) {
        hold.drop(partitions);
    }

    void dropAll() {
        hold.dropAll();
    }

    int held() {
        return hold.held();
    }
}
