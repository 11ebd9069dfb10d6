package io.sluice.app.kafka;

import io.sluice.app.config.SluiceConfig;
import io.sluice.schemas.kafka.KafkaClientProps;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads a topic once, from the beginning of every partition to the end offsets it had when
 * reading started ({@code read_committed}: the last stable offsets), with an assigned consumer and
 * no consumer group, so a command line reader commits nothing and disturbs no one.
 */
public final class TopicReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicReader() {}

    /**
     * Hands every record of {@code topic}, from the beginning to the end offsets taken now, to
     * {@code sink}, each partition in offset order.
     *
     * @return how many records were handed over
     * @throws TimeoutException if the topic cannot be read to its end in time
     * @throws IllegalStateException if the topic does not exist
     */
    public static <K, V> long readToEnd(Consumer<K, V> consumer, String topic, Duration timeout,
            java.util.function.Consumer<ConsumerRecord<K, V>> sink) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist (has Sluice run against this cluster "
                    + "with this topic prefix?)");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        long count = 0;
        while (!caughtUp(consumer, end, timeout)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("topic " + topic + " not read to its end offsets " + end + " within " + timeout);
            }
            for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofNanos(Math.min(left, POLL.toNanos())))) {
                sink.accept(record);
                count++;
            }
        }
        return count;
    }

    private static boolean caughtUp(Consumer<?, ?> consumer, Map<TopicPartition, Long> end, Duration timeout) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Consumer properties for such a reader: read_committed, no group, no commits, from the earliest offset. */
    public static Map<String, Object> consumerProps(Map<String, Object> clientProps, String clientId) {
        Map<String, Object> props = new HashMap<>(KafkaClientProps.consumer(clientProps, Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, clientId), Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        return props;
    }

    /**
     * The cluster a command line reader connects to: the configured one, or the embedded broker
     * of a running {@code sluice start} on its fixed port.
     *
     * @throws IllegalArgumentException if the embedded broker takes a free port each start
     */
    public static String bootstrapServers(SluiceConfig config) {
        if (!config.embeddedBroker()) {
            return config.kafka().bootstrapServers();
        }
        if (config.kafka().brokerPort() == 0) {
            throw new IllegalArgumentException("kafka.broker-port is 0 (a free port each start): give --bootstrap-servers");
        }
        return "127.0.0.1:" + config.kafka().brokerPort();
    }
}
