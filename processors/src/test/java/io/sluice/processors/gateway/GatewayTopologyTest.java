package io.sluice.processors.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.schemas.registry.InMemorySchemaStore;
import io.sluice.schemas.topic.Topics;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.junit.jupiter.api.Test;

/**
 * How the gateway is configured; the topology's behaviour is tested with {@code TopologyTestDriver}
 * in the topology-tests module.
 */
class GatewayTopologyTest {
    private static final int MAX_RECORD_BYTES = 9 * 1024 * 1024;

    private final Topics topics = new Topics("sluice.", new InMemorySchemaStore());

    private static GatewaySettings settings(Set<String> appReplyTopics) {
        return new GatewaySettings("sluice.gateway", Set.of("acme"), Map.of(), 3, appReplyTopics, MAX_RECORD_BYTES);
    }

    @Test
    void poisonRecordsAndProcessingFailuresAreLoggedAndDeadLetteredNotRetriedForever() {
        var props = GatewayTopology.streamsProperties(settings(Set.of()), topics, Map.of(), "/tmp/state",
                StreamsConfig.AT_LEAST_ONCE, 2);

        assertThat(props)
                .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        LogAndContinueExceptionHandler.class)
                .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                        LogAndContinueProcessingExceptionHandler.class)
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "sluice.dlq");
    }

    @Test
    void theOperatorTunesDefaultsButNotWhatTheGatewayReliesOn() {
        Map<String, Object> operator = Map.of(
                "bootstrap.servers", "k:9092",
                "producer.linger.ms", 5,
                "commit.interval.ms", 250,
                "producer.acks", "1",
                "producer.max.request.size", 1000,
                "application.id", "other");

        var props = GatewayTopology.streamsProperties(settings(Set.of()), topics, operator, "/tmp/state",
                StreamsConfig.AT_LEAST_ONCE, 2);

        assertThat(props).containsEntry("bootstrap.servers", "k:9092")
                .containsEntry("producer.linger.ms", 5)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250)
                .containsEntry("producer.acks", "all")
                .containsEntry("producer.max.request.size", MAX_RECORD_BYTES)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "sluice.gateway")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        assertThat(GatewayTopology.streamsProperties(settings(Set.of()), topics, Map.of(), "/tmp/state",
                StreamsConfig.AT_LEAST_ONCE, 1)).containsEntry("producer.linger.ms", 0);
    }

    @Test
    void aPlainClientKeyFromTheOperatorBeatsTheGatewaysPrefixedDefault() {
        var props = GatewayTopology.streamsProperties(settings(Set.of()), topics, Map.of("linger.ms", 7), "/tmp/state",
                StreamsConfig.AT_LEAST_ONCE, 1);

        assertThat(props).containsEntry("linger.ms", 7).doesNotContainKey("producer.linger.ms")
                .containsEntry("producer.buffer.memory", 32L * 1024 * 1024);
    }

    @Test
    void anAppReplyTopicMayNotBeOneOfSluicesOwnTopics() {
        assertThatThrownBy(() -> GatewayTopology.build(settings(Set.of("sluice.audit")), topics, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("app reply topic `sluice.audit` is one of Sluice's own topics");
        assertThat(GatewayTopology.build(settings(Set.of("billing.replies", "sluice.replies")), topics,
                Clock.systemUTC())).isNotNull();
    }
}
