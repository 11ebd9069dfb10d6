package io.sluice.app.report;

import static io.sluice.app.report.Fixtures.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.CostRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The reading loop with Kafka's mock consumer; a real broker round trip is an IT elsewhere. */
class CostTopicReaderTest {
    private static final String TOPIC = "sluice.costs";

    private final MockConsumer<String, CostRecord> consumer = new MockConsumer<>("earliest");

    @Test
    void readsEveryPartitionFromTheBeginningToTheEndOffsetsSkippingTombstones() {
        // given two partitions, one with a tombstone
        givenTopic(2, Map.of(0, 2L, 1, 1L));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "acme", day("2025-05-01", "acme", "", "m", 1, 1, 10)));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "acme", null));
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 0, "beta", day("2025-05-01", "beta", "", "m", 1, 1, 20)));
        });
        var seen = new ArrayList<String>();

        // when
        long count = CostTopicReader.readToEnd(consumer, TOPIC, Duration.ofSeconds(5), r -> seen.add(r.getTenantId()));

        // then
        assertThat(count).isEqualTo(2);
        assertThat(seen).containsExactlyInAnyOrder("acme", "beta");
        assertThat(consumer.subscription()).isEmpty();
    }

    @Test
    void anEmptyTopicIsReadAtOnce() {
        givenTopic(3, Map.of(0, 0L, 1, 0L, 2, 0L));

        assertThat(CostTopicReader.readToEnd(consumer, TOPIC, Duration.ofSeconds(5), r -> { })).isZero();
    }

    @Test
    void aTopicThatCannotBeReadToItsEndInTimeFailsNamingIt() {
        givenTopic(1, Map.of(0, 5L));

        assertThatThrownBy(() -> CostTopicReader.readToEnd(consumer, TOPIC, Duration.ofMillis(300), r -> { }))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining(TOPIC);
    }

    @Test
    void aMissingTopicIsReportedByName() {
        consumer.updatePartitions(TOPIC, List.of());

        assertThatThrownBy(() -> CostTopicReader.readToEnd(consumer, TOPIC, Duration.ofSeconds(1), r -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TOPIC);
    }

    @Test
    void theConsumerReadsCommittedDataWithoutAGroup() {
        Map<String, Object> props = CostTopicReader.consumerProps(Map.of("bootstrap.servers", "127.0.0.1:9092",
                "group.id", "sluice-gateway", "isolation.level", "read_uncommitted"));

        assertThat(props).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false)
                .doesNotContainKey("group.id");
    }

    private void givenTopic(int partitions, Map<Integer, Long> endOffsets) {
        List<PartitionInfo> infos = new ArrayList<>();
        Map<TopicPartition, Long> beginning = new HashMap<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(TOPIC, p, Node.noNode(), new Node[0], new Node[0]));
            beginning.put(new TopicPartition(TOPIC, p), 0L);
            end.put(new TopicPartition(TOPIC, p), endOffsets.get(p));
        }
        consumer.updatePartitions(TOPIC, infos);
        consumer.updateBeginningOffsets(beginning);
        consumer.updateEndOffsets(end);
    }
}
