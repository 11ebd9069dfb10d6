package io.sluice.ingress;

import io.sluice.schemas.kafka.KafkaClientProps;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ingress's Kafka client properties, by the {@link KafkaClientProps} rule: the ingress's
 * defaults, then the operator's {@code kafka.properties}, then what the ingress cannot work
 * without, which the operator cannot override.
 */
final class KafkaClientConfigs {
    /** Kept low: {@code send} runs on an event loop and must not wait for metadata. */
    static final int PRODUCER_MAX_BLOCK_MS = 100;
    /** Keeps the requests topic's metadata cached however quiet the ingress is, so {@code send} never blocks. */
    static final long METADATA_MAX_IDLE_MS = 24L * 60 * 60 * 1000;

    private KafkaClientConfigs() {
    }

    /**
     * The requests producer: durable (acks=all, idempotent), never blocking an event loop for
     * long, and able to send a record for any body up to {@code maxBodyBytes}.
     */
    static Map<String, Object> producer(Map<String, ?> clientProps, int maxBodyBytes) {
        Map<String, Object> enforced = new HashMap<>(KafkaClientProps.durableProducer());
        enforced.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, PRODUCER_MAX_BLOCK_MS);
        enforced.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, METADATA_MAX_IDLE_MS);
        enforced.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxBodyBytes + KafkaClientProps.RECORD_OVERHEAD_BYTES);
        Map<String, Object> props = KafkaClientProps.producer(clientProps,
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.CLIENT_ID_CONFIG, "sluice-ingress"),
                enforced);
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return props;
    }

    /** An assign-only consumer: no group, no commits, reading committed replies from the end. */
    static Map<String, Object> replyConsumer(Map<String, ?> clientProps) {
        Map<String, Object> props = KafkaClientProps.consumer(clientProps,
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.CLIENT_ID_CONFIG, "sluice-ingress-replies"),
                Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        return props;
    }
}
