package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientConfigsTest {

    @Test
    void given_no_overrides_then_the_producer_is_durable_idempotent_and_never_blocks_long() {
        Map<String, Object> props = KafkaClientConfigs.producer(Map.of("bootstrap.servers", "localhost:9092"));

        assertThat(props).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("linger.ms", 0)
                .containsEntry("max.block.ms", KafkaClientConfigs.PRODUCER_MAX_BLOCK_MS)
                .containsEntry("bootstrap.servers", "localhost:9092");
    }

    @Test
    void given_overrides_then_they_win_and_consumer_only_keys_stay_out_of_the_producer() {
        Map<String, Object> props = KafkaClientConfigs.producer(
                Map.of("linger.ms", 5, "group.id", "g", "security.protocol", "SSL"));

        assertThat(props).containsEntry("linger.ms", 5).containsEntry("security.protocol", "SSL")
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
