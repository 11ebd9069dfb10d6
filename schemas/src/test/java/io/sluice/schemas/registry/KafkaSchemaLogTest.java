package io.sluice.schemas.registry;

import static io.sluice.schemas.registry.InMemorySchemaStoreTest.V1;
import static io.sluice.schemas.registry.InMemorySchemaStoreTest.V2;
import static io.sluice.schemas.registry.InMemorySchemaStoreTest.V3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.schemas.registry.InMemorySchemaStore.Registered;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The schema log's replay and write path with Kafka's mock clients; the broker round trip is an IT elsewhere. */
class KafkaSchemaLogTest {
    private static final String TOPIC = "sluice._schemas";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    @BeforeEach
    void openTransactions() {
        producer.initTransactions();
    }

    @Test
    void replaysEveryPartitionFromTheBeginningIgnoringTombstones() {
        // given a topic with two partitions holding versions out of order and a tombstone
        givenTopic(2, List.of(
                record(1, 0, new Registered("orders", 2, 2, V2)),
                record(0, 0, new Registered("orders", 1, 1, V1)),
                new ConsumerRecord<>(TOPIC, 0, 1, "gone/1".getBytes(StandardCharsets.UTF_8), null),
                record(0, 2, new Registered("payments", 1, 1, V1))));

        // when
        List<Registered> history = KafkaSchemaLog.readAll(consumer, TOPIC, TIMEOUT);
        var log = new KafkaSchemaLog(TOPIC, history, producer, TIMEOUT);

        // then
        InMemorySchemaStore store = log.store();
        assertThat(store.subjects()).containsExactly("orders", "payments");
        assertThat(store.versions("orders")).containsExactly(1, 2);
        assertThat(store.latest("orders")).map(Registered::schema).contains(V2);
        assertThat(store.schemaById(1)).isEqualTo(V1);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aNewRegistrationIsWrittenToTheTopicBeforeItIsVisible() {
        givenTopic(1, List.of(record(0, 0, new Registered("orders", 1, 1, V1))));
        var log = new KafkaSchemaLog(TOPIC, KafkaSchemaLog.readAll(consumer, TOPIC, TIMEOUT), producer, TIMEOUT);

        Registered registered = log.store().registerVersion("orders", V2);

        List<ProducerRecord<byte[], byte[]>> written = producer.history();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).topic()).isEqualTo(TOPIC);
        assertThat(new String(written.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("orders/2");
        assertThat(KafkaSchemaLog.decode(new ConsumerRecord<>(TOPIC, 0, 0, written.get(0).key(), written.get(0).value())))
                .isEqualTo(registered)
                .isEqualTo(new Registered("orders", 2, 2, V2));
    }

    @Test
    void aFailedWriteRefusesTheRegistration() {
        givenTopic(1, List.of());
        var log = new KafkaSchemaLog(TOPIC, KafkaSchemaLog.readAll(consumer, TOPIC, TIMEOUT), producer, TIMEOUT);
        producer.sendException = new org.apache.kafka.common.errors.TimeoutException("no broker");

        assertThatThrownBy(() -> log.store().register("orders", V3))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.STORE_ERROR));
        assertThat(log.store().subjects()).isEmpty();
    }

    @Test
    void aReadOnlyStoreServesWhatItReadAndRefusesNewSchemas() {
        // given a schemas topic holding one version
        givenTopic(1, List.of(record(0, 0, new Registered("orders", 1, 7, V1))));

        // when a reader replays it without a writer
        InMemorySchemaStore store = KafkaSchemaLog.readOnlyStore(TOPIC, KafkaSchemaLog.readAll(consumer, TOPIC, TIMEOUT));

        // then it resolves the stored id and schema, and refuses what the topic does not hold
        assertThat(store.schemaById(7)).isEqualTo(V1);
        assertThat(store.register("orders", V1)).isEqualTo(7);
        assertThatThrownBy(() -> store.register("orders", V2))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.STORE_ERROR))
                .hasMessageContaining(TOPIC);
        assertThat(store.versions("orders")).containsExactly(1);
    }

    @Test
    void anUnreadableRecordStopsTheReplayNamingWhereItIs() {
        givenTopic(1, List.of(new ConsumerRecord<>(TOPIC, 0, 0,
                "orders/1".getBytes(StandardCharsets.UTF_8), "{\"subject\":\"orders\"}".getBytes(StandardCharsets.UTF_8))));

        assertThatThrownBy(() -> KafkaSchemaLog.readAll(consumer, TOPIC, TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("offset 0")
                .hasMessageContaining("orders/1");
    }

    @Test
    void aMissingTopicIsReportedByName() {
        consumer.updatePartitions(TOPIC, List.of());

        assertThatThrownBy(() -> KafkaSchemaLog.readAll(consumer, TOPIC, TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TOPIC);
    }

    @Test
    void clientPropertiesPassThroughWithTheLogsOwnGuarantees() {
        Map<String, Object> shared = Map.of(
                "bootstrap.servers", "127.0.0.1:9092",
                "group.id", "sluice-gateway",
                "transactional.id", "sluice-tx",
                "acks", "1");

        Map<String, Object> producerProps = KafkaSchemaLog.producerProps(shared, TOPIC, TIMEOUT);
        Map<String, Object> consumerProps = KafkaSchemaLog.consumerProps(shared);

        assertThat(producerProps).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("delivery.timeout.ms", 5_000)
                .containsEntry("transactional.id", TOPIC + ".writer");
        assertThat(consumerProps).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("allow.auto.create.topics", false)
                .containsEntry("isolation.level", "read_committed")
                .doesNotContainKey("group.id");
    }

    private void givenTopic(int partitions, List<ConsumerRecord<byte[], byte[]>> records) {
        List<PartitionInfo> infos = new ArrayList<>();
        Map<TopicPartition, Long> beginning = new HashMap<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(TOPIC, p, Node.noNode(), new Node[0], new Node[0]));
            var tp = new TopicPartition(TOPIC, p);
            beginning.put(tp, 0L);
            int partition = p;
            end.put(tp, records.stream().filter(r -> r.partition() == partition).mapToLong(r -> r.offset() + 1).max().orElse(0));
        }
        consumer.updatePartitions(TOPIC, infos);
        consumer.updateBeginningOffsets(beginning);
        consumer.updateEndOffsets(end);
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
    }

    private static ConsumerRecord<byte[], byte[]> record(int partition, long offset, Registered registered) {
        return new ConsumerRecord<>(TOPIC, partition, offset, KafkaSchemaLog.key(registered), KafkaSchemaLog.value(registered));
    }
}
