package io.sluice.schemas.registry;

import io.sluice.schemas.kafka.KafkaClientProps;
import static io.sluice.schemas.registry.SchemaRegistryException.STORE_ERROR;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.schemas.registry.InMemorySchemaStore.Registered;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded registry's schemas in a compacted Kafka topic, so they survive restarts: one
 * record per subject version, key {@code <subject>/<version>}, value
 * {@code {"subject", "version", "id", "schema"}}. {@link #open} replays the topic into a fresh
 * {@link InMemorySchemaStore}; every later registration in {@link #store()} is written with
 * {@code acks=all} before it becomes visible, and refused if the write fails.
 *
 * <p>The topic is created by the caller beforehand, compacted and, like Confluent's
 * {@code _schemas}, with one partition; records are written to partition 0 so that replay sees
 * them in registration order.
 *
 * <p>One process writes the topic at a time, and that is enforced, not assumed: the producer is
 * transactional with the fixed id {@code <topic>.writer}, so opening a log fences every earlier
 * writer before the history is read ({@code read_committed}). The newest process therefore starts
 * from everything any earlier one committed and hands out ids no one else can; an older process
 * keeps serving what it has, and its next registration is refused instead of racing.
 *
 * <p>Owns a producer: close it when the registry stops.
 */
public final class KafkaSchemaLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaSchemaLog.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final Duration timeout;
    private final InMemorySchemaStore store;

    KafkaSchemaLog(String topic, List<Registered> history, Producer<byte[], byte[]> producer, Duration timeout) {
        this.topic = topic;
        this.producer = producer;
        this.timeout = timeout;
        this.store = new InMemorySchemaStore(this::persist);
        history.forEach(store::restore);
    }

    /**
     * Reads {@code topic} from its beginning to its current end into a new store, then keeps a
     * producer open to persist new registrations.
     *
     * @param kafkaClientProps connection properties shared by Sluice's Kafka clients
     *                         ({@code bootstrap.servers}, security); group and transactional ids are ignored
     * @param timeout bounds reading the topic and each later write
     * @throws TimeoutException if the topic cannot be read to its end in time
     * @throws IllegalStateException if the topic does not exist or holds an unreadable record
     */
    public static KafkaSchemaLog open(Map<String, Object> kafkaClientProps, String topic, Duration timeout) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("schemas topic must not be blank");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        Producer<byte[], byte[]> producer = new KafkaProducer<>(
                producerProps(kafkaClientProps, topic, timeout), new ByteArraySerializer(), new ByteArraySerializer());
        List<Registered> history;
        try {
            producer.initTransactions(); // fences earlier writers; their open transactions are aborted
            try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                    consumerProps(kafkaClientProps), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                history = readAll(consumer, topic, timeout);
            }
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        log.info("schema log opened topic={} schemas={}", topic, history.size());
        return new KafkaSchemaLog(topic, history, producer, timeout);
    }

    /**
     * Reads {@code topic} from its beginning to its current end into a store that only serves what
     * it read: for tools that decode Sluice's topics (reports, exports) without becoming the
     * registry's writer, so no running registry is fenced. Registering a schema the topic does not
     * hold is refused.
     *
     * @throws TimeoutException if the topic cannot be read to its end in time
     * @throws IllegalStateException if the topic does not exist or holds an unreadable record
     */
    public static InMemorySchemaStore readOnly(Map<String, Object> kafkaClientProps, String topic, Duration timeout) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("schemas topic must not be blank");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                consumerProps(kafkaClientProps), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            return readOnlyStore(topic, readAll(consumer, topic, timeout));
        }
    }

    static InMemorySchemaStore readOnlyStore(String topic, List<Registered> history) {
        var store = new InMemorySchemaStore(registered -> {
            throw new SchemaRegistryException(STORE_ERROR, "Error in the backend data store: subject \""
                    + registered.subject() + "\" is not in " + topic + " and this reader does not write it");
        });
        history.forEach(store::restore);
        return store;
    }

    /** The registry's state, persisted to the topic on every new registration. */
    public InMemorySchemaStore store() {
        return store;
    }

    @Override
    public void close() {
        producer.close(timeout);
    }

    /** Every registration in {@code topic}, read with an assigned consumer from the beginning to the end offsets. */
    static List<Registered> readAll(Consumer<byte[], byte[]> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("schemas topic " + topic + " does not exist; create it before opening the log");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Registered> history = new ArrayList<>();
        while (!caughtUp(consumer, end, timeout)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("schemas topic " + topic + " not read to its end offsets " + end
                        + " within " + timeout);
            }
            Duration poll = Duration.ofNanos(Math.min(left, POLL.toNanos()));
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(poll)) {
                if (record.value() != null) {
                    history.add(decode(record));
                }
            }
        }
        return history;
    }

    private static boolean caughtUp(Consumer<?, ?> consumer, Map<TopicPartition, Long> end, Duration timeout) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void persist(Registered registered) {
        var record = new ProducerRecord<>(topic, 0, key(registered), value(registered));
        try {
            // bounded: every call completes within max.block.ms / delivery.timeout.ms
            producer.beginTransaction();
            producer.send(record).get();
            producer.commitTransaction();
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (fenced(cause)) {
                throw refused(registered, "another registry process has taken over " + topic, cause);
            }
            abort();
            throw refused(registered, null, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw refused(registered, null, e);
        }
        log.info("schema persisted topic={} subject={} version={} id={}",
                topic, registered.subject(), registered.version(), registered.id());
    }

    /** Whether a newer writer fenced this one (the exception may arrive wrapped, e.g. from {@code send}). */
    private static boolean fenced(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            log.warn("schema log transaction not aborted topic={} error={}", topic, e.toString());
        }
    }

    private SchemaRegistryException refused(Registered registered, String why, Throwable cause) {
        log.warn("schema not persisted topic={} subject={} version={} error={}",
                topic, registered.subject(), registered.version(), cause.toString());
        return new SchemaRegistryException(STORE_ERROR, "Error in the backend data store: cannot persist subject \""
                + registered.subject() + "\" version " + registered.version() + " to " + topic
                + (why == null ? "" : ": " + why), cause);
    }

    static byte[] key(Registered registered) {
        return (registered.subject() + "/" + registered.version()).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(Registered registered) {
        return RegistryJson.write(RegistryJson.registered(registered));
    }

    static Registered decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            JsonNode node = RegistryJson.MAPPER.readTree(record.value());
            String subject = requireField(node, "subject").textValue();
            int version = requireField(node, "version").intValue();
            int id = requireField(node, "id").intValue();
            Schema schema = new Schema.Parser().parse(requireField(node, "schema").textValue());
            return new Registered(subject, version, id, schema);
        } catch (Exception e) {
            // a record this class did not write: refuse to start rather than serve a registry missing a schema
            String key = record.key() == null ? "null" : new String(record.key(), StandardCharsets.UTF_8);
            throw new IllegalStateException("unreadable record in schemas topic " + record.topic() + " partition "
                    + record.partition() + " offset " + record.offset() + " key " + key
                    + " (write a tombstone for this key to drop it): " + e.getMessage(), e);
        }
    }

    private static JsonNode requireField(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        boolean ok = value != null && (field.equals("version") || field.equals("id") ? value.isInt() : value.isTextual());
        if (!ok) {
            throw new IllegalArgumentException("field " + field + " missing or of the wrong type");
        }
        return value;
    }

    static Map<String, Object> consumerProps(Map<String, Object> clientProps) {
        Map<String, Object> props = KafkaClientProps.consumer(clientProps, Map.of(), Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        return props;
    }

    static Map<String, Object> producerProps(Map<String, Object> clientProps, String topic, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Map<String, Object> enforced = new HashMap<>(KafkaClientProps.durableProducer());
        enforced.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        enforced.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) millis);
        enforced.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        enforced.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        enforced.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + ".writer");
        enforced.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Math.max(millis, 1000));
        return KafkaClientProps.producer(clientProps, Map.of(), enforced);
    }
}
