package io.sluice.processors.invoker;

import io.sluice.schemas.kafka.KafkaClientProps;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The invoker's Kafka client properties, by {@link KafkaClientProps}' rule: the invoker's defaults,
 * then the operator's {@code kafka.properties}, then what the invoker relies on.
 */
final class ClientProps {
    static final int MAX_POLL_RECORDS = 500;
    /**
     * How long a reply's send may wait for metadata or buffer space on the poll thread. Replies go
     * to topics the gateway validated, which exist, so this bounds only the unexpected.
     */
    static final int REPLY_MAX_BLOCK_MS = 1000;
    private static final long DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;

    private ClientProps() {}

    /**
     * Commits by hand, reads no more records at once than it may start, and keeps its partitions
     * through rebalances where it can (cooperative assignment, unless the group uses the new
     * consumer protocol, where the broker assigns).
     */
    static Map<String, Object> consumer(InvokerSettings settings, Map<String, ?> common) {
        var defaults = new HashMap<String, Object>();
        defaults.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        defaults.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(MAX_POLL_RECORDS, settings.maxInFlight()));
        if (!"consumer".equals(String.valueOf(common.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)).toLowerCase(Locale.ROOT))) {
            defaults.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        }
        return KafkaClientProps.consumer(common, defaults, Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    /**
     * The reader of the {@code deployments} and {@code cancels} topics: no group (every instance reads every partition),
     * no commits, only what the brokers hold as committed.
     */
    static Map<String, Object> controlConsumer(Map<String, ?> common) {
        var enforced = new HashMap<String, Object>();
        enforced.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        enforced.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> props = new HashMap<>(KafkaClientProps.consumer(common,
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), enforced));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        Object clientId = common.get(CommonClientConfigs.CLIENT_ID_CONFIG);
        if (clientId != null && !clientId.toString().isBlank()) {
            props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId + "-control");
        }
        return props;
    }

    /** The durable producer of responses, audit events and dead letters. */
    static Map<String, Object> producer(InvokerSettings settings, Map<String, ?> common) {
        return KafkaClientProps.producer(common, producerDefaults(settings), durable(settings));
    }

    /**
     * The producer of replies: durable too, but a send blocks the poll thread for at most
     * {@value #REPLY_MAX_BLOCK_MS} ms, and it has a client id of its own.
     */
    static Map<String, Object> replyProducer(InvokerSettings settings, Map<String, ?> common) {
        Map<String, Object> enforced = durable(settings);
        enforced.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, REPLY_MAX_BLOCK_MS);
        Object clientId = common.get(CommonClientConfigs.CLIENT_ID_CONFIG);
        if (clientId != null && !clientId.toString().isBlank()) {
            enforced.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId + "-replies");
        }
        return KafkaClientProps.producer(common, producerDefaults(settings), enforced);
    }

    private static Map<String, Object> producerDefaults(InvokerSettings settings) {
        return Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(DEFAULT_BUFFER_MEMORY, settings.maxRecordBytes()));
    }

    private static Map<String, Object> durable(InvokerSettings settings) {
        var enforced = new HashMap<String, Object>(KafkaClientProps.durableProducer());
        enforced.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.maxRecordBytes());
        return enforced;
    }
}
