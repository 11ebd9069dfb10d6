package io.sluice.processors.invoker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientPropsTest {
    private final InvokerSettings settings = new InvokerSettings("sluice-invoker", 64, Duration.ofSeconds(5));

    @Test
    void consumerCommitsByHandAndReadsNoMoreThanItMayStart() {
        var props = ClientProps.consumer(settings, Map.of("bootstrap.servers", "k:9092", "enable.auto.commit", true,
                "group.id", "other"));

        assertThat(props).containsEntry("bootstrap.servers", "k:9092")
                .containsEntry("group.id", "sluice-invoker")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("max.poll.records", 64);
    }

    @Test
    void producerIsIdempotentWithAllAcksAndLingerMayBeTuned() {
        var props = ClientProps.producer(Map.of("acks", "1", "linger.ms", 5));

        assertThat(props).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("linger.ms", 5);
        assertThat(ClientProps.producer(Map.of())).containsEntry("linger.ms", 0);
    }
}
