package io.sluice.ingress;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of one topic from a point in time on, on a daemon thread of its own,
 * with an assign-only consumer (no group, no commits: each ingress instance reads everything).
 * Waits for the topic if it does not exist yet (another component creates it). Each poll's
 * records, possibly none, go to the sink on that thread, about twice a second.
 */
final class TopicTail implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(10);
    private static final long RETRY_MILLIS = 1_000;

    private final String topic;
    private final Map<String, Object> props;
    private final Supplier<Instant> startAt;
    private final Consumer<ConsumerRecords<byte[], byte[]>> sink;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private Map<TopicPartition, Long> ends = Map.of();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean running = true;

    /**
     * @param name    the thread's name and the consumer's client id
     * @param startAt asked once the topic exists: records from this time on are read (the end of a
     *                partition with none)
     */
    TopicTail(String name, String topic, Map<String, ?> clientProps, Supplier<Instant> startAt,
              Consumer<ConsumerRecords<byte[], byte[]>> sink) {
        this.topic = topic;
        this.props = KafkaClientConfigs.replyConsumer(clientProps);
        props.put("client.id", name);
        this.startAt = startAt;
        this.sink = sink;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Reads until closed; a consumer that cannot be made or fails is logged, and the sink gets nothing more. */
    private void run() {
        try {
            consumer = new KafkaConsumer<>(props);
        } catch (RuntimeException e) {
            log.error("topic_tail.not_started topic={} error={}", topic, e.toString());
            return;
        }
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (!running) {
                return;
            }
            consumer.assign(partitions);
            seek(partitions, startAt.get());
            while (running) {
                sink.accept(consumer.poll(POLL));
                if (caughtUp.getCount() > 0 && partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
                    log.info("topic_tail.caught_up topic={}", topic);
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("topic_tail.stopped topic={}", topic, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("topic_tail.failed topic={}", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> awaitPartitions() throws InterruptedException {
        List<TopicPartition> partitions = List.of();
        while (running && partitions.isEmpty()) {
            try {
                partitions = consumer.partitionsFor(topic, METADATA_WAIT).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            } catch (TimeoutException e) {
                log.debug("topic_tail.topic_not_ready topic={}", topic);
            }
            if (partitions.isEmpty() && running) {
                Thread.sleep(RETRY_MILLIS);
            }
        }
        return partitions;
    }

    /**
     * Seeks each partition to its first record at or after {@code from}, or, with none there yet,
     * to the end as it was before the lookup: a record written during the lookup is not skipped.
     */
    private void seek(List<TopicPartition> partitions, Instant from) {
        ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp found = offsets.get(partition);
            consumer.seek(partition, found == null ? ends.get(partition) : found.offset());
        }
    }

    /**
     * Waits until the records that were in the topic when reading started have all gone to the
     * sink (from a start time of {@link Instant#EPOCH}: the whole topic as it was).
     *
     * @return false if that did not happen within {@code limit}
     */
    boolean awaitCaughtUp(Duration limit) throws InterruptedException {
        return caughtUp.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> reader = consumer;
        if (reader != null) {
            reader.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
