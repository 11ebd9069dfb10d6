package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.schemas.kafka.KafkaClientProps;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientConfigsTest {
    private static final int MAX_BODY = 64 * 1024;

    @Test
    void given_no_overrides_then_the_producer_is_durable_idempotent_and_never_blocks_long() {
        Map<String, Object> props = KafkaClientConfigs.producer(Map.of("bootstrap.servers", "localhost:9092"), MAX_BODY);

        assertThat(props).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("linger.ms", 0)
                .containsEntry("max.block.ms", KafkaClientConfigs.PRODUCER_MAX_BLOCK_MS)
                .containsEntry("max.request.size", MAX_BODY + KafkaClientProps.RECORD_OVERHEAD_BYTES)
                .containsEntry("bootstrap.servers", "localhost:9092");
    }

    @Test
    void given_overrides_of_what_the_ingress_relies_on_then_they_do_not_win() {
        Map<String, Object> props = KafkaClientConfigs.producer(Map.of("acks", "1", "max.block.ms", 60_000,
                "enable.idempotence", false, "max.request.size", 1024, "metadata.max.idle.ms", 1_000,
                "transactional.id", "tx"), MAX_BODY);

        assertThat(props).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("max.block.ms", KafkaClientConfigs.PRODUCER_MAX_BLOCK_MS)
                .containsEntry("max.request.size", MAX_BODY + KafkaClientProps.RECORD_OVERHEAD_BYTES)
                .containsEntry("metadata.max.idle.ms", KafkaClientConfigs.METADATA_MAX_IDLE_MS)
                .doesNotContainKey("transactional.id");
    }

    @Test
    void given_other_overrides_then_they_win_and_consumer_only_keys_stay_out_of_the_producer() {
        Map<String, Object> props = KafkaClientConfigs.producer(
                Map.of("linger.ms", 5, "client.id", "edge-1", "group.id", "g", "security.protocol", "SSL"), MAX_BODY);

        assertThat(props).containsEntry("linger.ms", 5).containsEntry("client.id", "edge-1")
                .containsEntry("security.protocol", "SSL")
                .doesNotContainKey("group.id");
    }

    @Test
    void given_a_group_id_then_the_reply_consumer_still_has_no_group_and_never_commits() {
        Map<String, Object> props = KafkaClientConfigs.replyConsumer(
                Map.of("group.id", "g", "enable.auto.commit", true, "acks", "all", "security.protocol", "SSL"));

        assertThat(props).doesNotContainKey("group.id").doesNotContainKey("acks")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("security.protocol", "SSL");
    }
}
