package io.sluice.processors.invoker;

import io.sluice.avro.DeploymentHealth;
import io.sluice.schemas.DaemonThreads;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code deployments} topic from its start, on a thread of its own, and hands every
 * circuit state another instance published to the poll thread. Losing it costs only the sharing:
 * each instance's circuits still protect it, so a failure is logged, not fatal.
 */
final class HealthFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthFeed.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Deserializer<DeploymentHealth> values;
    private final Consumer<DeploymentHealth> sink;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param sink gets each record on the feed's thread; it must hand it on, not work it */
    HealthFeed(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer, String topic,
            Deserializer<DeploymentHealth> values, Consumer<DeploymentHealth> sink) {
        this.consumer = consumer;
        this.topic = topic;
        this.values = values;
        this.sink = sink;
        this.thread = DaemonThreads.named("sluice-invoker-health").newThread(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    take(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.warn("deployment health feed stopped; circuit states are no longer shared topic={} error={}", topic,
                    e.toString());
        } finally {
            consumer.close();
        }
    }

    private void take(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            sink.accept(values.deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            log.warn("unreadable deployment health record skipped topic={} partition={} offset={} error={}",
                    record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
