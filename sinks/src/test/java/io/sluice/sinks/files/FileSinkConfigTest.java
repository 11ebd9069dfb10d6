package io.sluice.sinks.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.junit.jupiter.api.Test;

class FileSinkConfigTest {
    private static final Duration POLL = Duration.ofMillis(100);

    @Test
    void defaultsAreValidAndTheDirectoryIsMadeAbsolute() {
        FileSinkConfig config = FileSinkConfig.of(Path.of("out/../lake"), "sluice.sink.files");

        assertThat(config.dir().isAbsolute()).isTrue();
        assertThat(config.dir().getFileName()).hasToString("lake");
        assertThat(config.maxOpenHours()).isEqualTo(2);
    }

    @Test
    void errorsNameTheSetting() {
        assertThatThrownBy(() -> new FileSinkConfig(null, "g", 1, 1, Duration.ZERO, POLL))
                .hasMessageContaining("sink.files.dir");
        assertThatThrownBy(() -> new FileSinkConfig(Path.of("d"), " ", 1, 1, Duration.ZERO, POLL))
                .hasMessageContaining("sink.files.group-id");
        assertThatThrownBy(() -> new FileSinkConfig(Path.of("d"), "g", 0, 1, Duration.ZERO, POLL))
                .hasMessageContaining("sink.files.max-file-bytes");
        assertThatThrownBy(() -> new FileSinkConfig(Path.of("d"), "g", 1, 0, Duration.ZERO, POLL))
                .hasMessageContaining("sink.files.max-open-hours");
        assertThatThrownBy(() -> new FileSinkConfig(Path.of("d"), "g", 1, 1, Duration.ofSeconds(-1), POLL))
                .hasMessageContaining("sink.files.grace");
        assertThatThrownBy(() -> new FileSinkConfig(Path.of("d"), "g", 1, 1, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("sink.files.poll-timeout");
    }

    @Test
    void theConsumerReadsCommittedRecordsInItsOwnGroupAndNeverAutoCommits() {
        Map<String, Object> props = FileSink.consumerProps(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "k:9092",
                ConsumerConfig.GROUP_ID_CONFIG, "someone-else", ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "static-1",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted", "linger.ms", 5), "sluice.sink.files");

        assertThat(props).containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "k:9092")
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "sluice.sink.files")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName())
                .doesNotContainKeys(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "linger.ms");
    }

    @Test
    void theNewGroupProtocolGetsNoClientSideAssignor() {
        Map<String, Object> props = FileSink.consumerProps(Map.of(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer"), "g");

        assertThat(props).doesNotContainKey(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
    }
}
