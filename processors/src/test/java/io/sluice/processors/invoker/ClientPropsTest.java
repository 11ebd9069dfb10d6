package io.sluice.processors.invoker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.junit.jupiter.api.Test;

class ClientPropsTest {
    private static final int MAX_RECORD_BYTES = 5 * 1024 * 1024;
    private final InvokerSettings settings = new InvokerSettings("sluice-invoker", 64, Duration.ofSeconds(5),
            MAX_RECORD_BYTES);

    @Test
    void consumerCommitsByHandReadsNoMoreThanItMayStartAndKeepsPartitionsThroughRebalances() {
        var props = ClientProps.consumer(settings, Map.of("bootstrap.servers", "k:9092", "enable.auto.commit", true,
                "group.id", "other", "acks", "1"));

        assertThat(props).containsEntry("bootstrap.servers", "k:9092")
                .containsEntry("group.id", "sluice-invoker")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("max.poll.records", 64)
                .containsEntry("partition.assignment.strategy", CooperativeStickyAssignor.class.getName())
                .as("a producer key is not passed to the consumer").doesNotContainKey("acks");
    }

    @Test
    void theAssignorMayBeChosenAndIsLeftOutUnderTheBrokerAssignedProtocol() {
        assertThat(ClientProps.consumer(settings, Map.of("partition.assignment.strategy", "range")))
                .containsEntry("partition.assignment.strategy", "range");
        assertThat(ClientProps.consumer(settings, Map.of("group.protocol", "CONSUMER")))
                .doesNotContainKey("partition.assignment.strategy");
    }

    @Test
    void producerIsDurableAndTakesRecordsAsLargeAsTheIngressAccepts() {
        var props = ClientProps.producer(settings, Map.of("acks", "1", "linger.ms", 5, "max.request.size", 1000,
                "group.id", "other"));

        assertThat(props).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("linger.ms", 5)
                .containsEntry("max.request.size", MAX_RECORD_BYTES)
                .doesNotContainKey("group.id");
        assertThat(ClientProps.producer(settings, Map.of())).containsEntry("linger.ms", 0);
    }

    @Test
    void replyProducerBlocksThePollThreadBrieflyAtMost() {
        var props = ClientProps.replyProducer(settings, Map.of("max.block.ms", 60_000, "client.id", "inv-1"));

        assertThat(props).containsEntry("max.block.ms", ClientProps.REPLY_MAX_BLOCK_MS)
                .containsEntry("client.id", "inv-1-replies")
                .containsEntry("acks", "all")
                .containsEntry("max.request.size", MAX_RECORD_BYTES);
        assertThat(ClientProps.producer(settings, Map.of("client.id", "inv-1"))).containsEntry("client.id", "inv-1");
    }
}
