package io.sluice.processors.invoker;

import io.sluice.avro.Cancellation;
import io.sluice.avro.DeploymentHealth;
import io.sluice.schemas.DaemonThreads;
import io.sluice.schemas.topic.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every invoker instance must hear, whichever partitions it owns, read on a thread of its own
 * without a consumer group: the {@code deployments} topic from its start (the circuit states other
 * instances decided) and the {@code cancels} topic from now on (requesters that went away). Each
 * record is handed to the poll thread. Losing the feed costs only the sharing (each instance's own
 * circuits still protect it, and calls run to their end), so a failure is logged, not fatal.
 */
final class ControlFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlFeed.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final Topic<String, DeploymentHealth> deployments;
    private final Topic<String, Cancellation> cancels;
    private final Consumer<DeploymentHealth> health;
    private final Consumer<Cancellation> cancellations;
    private final Thread thread;
    private volatile boolean running = true;

    /** The sinks get each record on the feed's thread; they must hand it on, not work it. */
    ControlFeed(org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
            Topic<String, DeploymentHealth> deployments, Topic<String, Cancellation> cancels,
            Consumer<DeploymentHealth> health, Consumer<Cancellation> cancellations) {
        this.consumer = consumer;
        this.deployments = deployments;
        this.cancels = cancels;
        this.health = health;
        this.cancellations = cancellations;
        this.thread = DaemonThreads.named("sluice-invoker-control").newThread(this::run);
    }

    void start() {
        thread.start();
    }

    private List<TopicPartition> partitions(String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private void run() {
        try {
            List<TopicPartition> healthPartitions = partitions(deployments.name());
            List<TopicPartition> cancelPartitions = partitions(cancels.name());
            var all = new ArrayList<>(healthPartitions);
            all.addAll(cancelPartitions);
            consumer.assign(all);
            consumer.seekToBeginning(healthPartitions);
            consumer.seekToEnd(cancelPartitions);
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    take(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.warn("invoker control feed stopped; circuit states are no longer shared and cancels not heard error={}",
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
            if (record.topic().equals(deployments.name())) {
                health.accept(deployments.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            } else {
                cancellations.accept(cancels.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            }
        } catch (RuntimeException e) {
            log.warn("unreadable control record skipped topic={} partition={} offset={} error={}", record.topic(),
                    record.partition(), record.offset(), e.toString());
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
