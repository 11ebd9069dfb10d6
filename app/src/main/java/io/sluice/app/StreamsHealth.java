package io.sluice.app;

import io.sluice.ingress.HealthCheck;
import org.apache.kafka.streams.KafkaStreams;

/** Ready while a Kafka Streams application is RUNNING (or briefly REBALANCING). */
final class StreamsHealth implements HealthCheck {
    private final String name;
    private final KafkaStreams streams;

    StreamsHealth(String name, KafkaStreams streams) {
        this.name = name;
        this.streams = streams;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Result check() {
        KafkaStreams.State state = streams.state();
        return state.isRunningOrRebalancing() ? Result.up(state.name()) : Result.down(state.name());
    }
}
