package io.sluice.processors.invoker;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * What the invoker is working on: records started (jobs and dead letters, counted per partition so
 * that a rebalance can wait for the partitions it takes away, and batch ones apart so that the
 * capacity guard sees interactive load) and interactive jobs queued until there is room.
 * Used by the poll thread only; the in-flight count may be read from any thread.
 */
final class Work {
    private final int maxInFlight;
    private final String batchTopic;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger batchInFlight = new AtomicInteger();
    private final Map<TopicPartition, Integer> startedByPartition = new HashMap<>();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();

    /** @param batchTopic the topic whose records count as batch work as well */
    Work(int maxInFlight, String batchTopic) {
        this.maxInFlight = maxInFlight;
        this.batchTopic = batchTopic;
    }

    /** The count of batch records started and not yet finished (part of {@link #inFlight()}). */
    AtomicInteger batchInFlight() {
        return batchInFlight;
    }

    int interactiveInFlight() {
        return inFlight.get() - batchInFlight.get();
    }

    /** True when one more record of any kind may start: the total stays within the bound. */
    boolean hasRoom() {
        return inFlight.get() < maxInFlight;
    }

    /** The count of records started and not yet finished, for the in-flight gauge. */
    AtomicInteger inFlight() {
        return inFlight;
    }

    int queued() {
        return queue.size();
    }

    /** True when a new job may start at once: nothing queued before it and room left. */
    boolean canStartNow() {
        return queue.isEmpty() && inFlight.get() < maxInFlight;
    }

    /** True when consumption should pause: started plus queued reach the bound. */
    boolean full() {
        return inFlight.get() + queue.size() >= maxInFlight;
    }

    void enqueue(Job job) {
        queue.add(job);
    }

    /** The next queued job if there is room to start it, else null. */
    Job nextToStart() {
        return inFlight.get() < maxInFlight ? queue.poll() : null;
    }

    void started(TopicPartition partition) {
        inFlight.incrementAndGet();
        if (partition.topic().equals(batchTopic)) {
            batchInFlight.incrementAndGet();
        }
        startedByPartition.merge(partition, 1, Integer::sum);
    }

    void done(TopicPartition partition) {
        inFlight.decrementAndGet();
        if (partition.topic().equals(batchTopic)) {
            batchInFlight.decrementAndGet();
        }
        startedByPartition.computeIfPresent(partition, (p, count) -> count > 1 ? count - 1 : null);
    }

    /** True while a record of one of these partitions is started and not finished. */
    boolean startedOn(Collection<TopicPartition> partitions) {
        return partitions.stream().anyMatch(startedByPartition::containsKey);
    }

    /** Forgets the queued jobs of these partitions: they never started, so their next owner starts them. */
    void dropQueued(Collection<TopicPartition> partitions) {
        queue.removeIf(job -> partitions.contains(job.partition()));
    }

    void dropAllQueued() {
        queue.clear();
    }
}
