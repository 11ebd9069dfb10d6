package io.sluice.app.report;

import io.sluice.app.kafka.TopicReader;
import io.sluice.avro.CostRecord;
import io.sluice.schemas.registry.KafkaSchemaLog;
import io.sluice.schemas.registry.RestSchemaRegistryClient;
import io.sluice.schemas.registry.SchemaRegistry;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code costs} topic once, from the beginning of every partition to the end offsets it
 * had when reading started ({@code read_committed}: the last stable offsets), with an assigned
 * consumer and no consumer group, so a report commits nothing and disturbs no one. The schemas
 * come from the configured registry URL or, without one, from the schema log topic read as a
 * reader (the running registry is not fenced).
 */
final class CostTopicReader {
    private static final Logger log = LoggerFactory.getLogger(CostTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private CostTopicReader() {}

    /**
     * @param kafkaClientProps connection properties ({@code bootstrap.servers}, security); group ids are ignored
     * @param schemaRegistryUrl blank to read the schemas from the {@code <prefix>_schemas} topic
     * @param timeout bounds reading the schemas and reading the costs topic to its end
     * @throws TimeoutException if a topic cannot be read to its end in time
     * @throws IllegalStateException if a topic does not exist
     */
    static DailyCosts read(Map<String, Object> kafkaClientProps, String topicPrefix, String schemaRegistryUrl,
            ReportPeriod period, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RestSchemaRegistryClient rest = schemaRegistryUrl.isBlank() ? null : new RestSchemaRegistryClient(URI.create(schemaRegistryUrl));
        try {
            SchemaRegistry registry = rest != null ? rest
                    : KafkaSchemaLog.readOnly(kafkaClientProps, Topics.schemasTopic(topicPrefix), timeout);
            Topic<String, CostRecord> costs = new Topics(topicPrefix, registry).costs();
            var daily = new DailyCosts(period);
            try (Consumer<String, CostRecord> consumer = new KafkaConsumer<>(consumerProps(kafkaClientProps),
                    costs.keySerde().deserializer(), costs.valueSerde().deserializer())) {
                Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
                readToEnd(consumer, costs.name(), left, daily::accept);
            }
            log.info("costs topic read topic={} records={} from={} to={}", costs.name(), daily.recordsSeen(),
                    period.from(), period.to());
            return daily;
        } finally {
            if (rest != null) {
                rest.close();
            }
        }
    }

    /**
     * Hands every non-null value of {@code topic}, from the beginning to the end offsets taken now,
     * to {@code sink} in partition order.
     *
     * @return how many values were handed over
     */
    static long readToEnd(Consumer<String, CostRecord> consumer, String topic, Duration timeout,
            java.util.function.Consumer<CostRecord> sink) {
        long[] values = {0};
        TopicReader.readToEnd(consumer, topic, timeout, record -> {
            if (record.value() != null) {
                sink.accept(record.value());
                values[0]++;
            }
        });
        return values[0];
    }

    static Map<String, Object> consumerProps(Map<String, Object> clientProps) {
        return TopicReader.consumerProps(clientProps, "sluice-report");
    }

}
