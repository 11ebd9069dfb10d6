package io.sluice.schemas.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The one rule by which every Sluice component builds its Kafka client properties: the
 * component's defaults, then the operator's {@code kafka.properties} (only the keys this kind of
 * client knows, so a shared map raises no warnings), then what the component cannot work without,
 * which nobody can override.
 */
public final class KafkaClientProps {
    /**
     * Room above the largest accepted HTTP body for the rest of a record (ids, headers, Avro
     * framing). Producers may send records this much larger than {@code ingress.max-body-bytes}.
     */
    public static final int RECORD_OVERHEAD_BYTES = 256 * 1024;

    private KafkaClientProps() {}

    public static Map<String, Object> producer(Map<String, ?> common, Map<String, ?> defaults, Map<String, ?> enforced) {
        return merge(ProducerConfig.configNames(), common, defaults, enforced);
    }

    public static Map<String, Object> consumer(Map<String, ?> common, Map<String, ?> defaults, Map<String, ?> enforced) {
        return merge(ConsumerConfig.configNames(), common, defaults, enforced);
    }

    public static Map<String, Object> admin(Map<String, ?> common, Map<String, ?> defaults, Map<String, ?> enforced) {
        return merge(AdminClientConfig.configNames(), common, defaults, enforced);
    }

    /**
     * Producer settings that make "accepted" mean what Sluice promises: acknowledged by all
     * in-sync replicas, without duplicates from retries.
     */
    public static Map<String, Object> durableProducer() {
        return Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    private static Map<String, Object> merge(Set<String> known, Map<String, ?> common, Map<String, ?> defaults,
            Map<String, ?> enforced) {
        Map<String, Object> props = new HashMap<>(defaults);
        common.forEach((key, value) -> {
            if (known.contains(key)) {
                props.put(key, value);
            }
        });
        props.putAll(enforced);
        return props;
    }
}
