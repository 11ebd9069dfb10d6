package io.sluice.processors.invoker;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The invoker's Kafka client properties: defaults, then the caller's, then what it relies on. */
final class ClientProps {
    static final int MAX_POLL_RECORDS = 500;

    private ClientProps() {}

    static Map<String, Object> consumer(InvokerSettings settings, Map<String, Object> common) {
        var props = new HashMap<String, Object>();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(MAX_POLL_RECORDS, settings.maxInFlight()));
        props.putAll(common);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    static Map<String, Object> producer(Map<String, Object> common) {
        var props = new HashMap<String, Object>();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.putAll(common);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }
}
