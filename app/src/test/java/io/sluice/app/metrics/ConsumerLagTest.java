package io.sluice.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.schemas.Telemetry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;

/** The consumer lag gauge: one series per stage and topic, whatever the partitions and client ids. */
class ConsumerLagTest {
    private final Map<MetricName, Metric> metrics = new HashMap<>();

    @Test
    void given_lags_of_several_partitions_and_clients_then_the_gauge_is_their_sum_per_topic() {
        lag("client-1", "sluice.requests", 0, 5);
        lag("client-1", "sluice_requests", 1, 7);
        lag("client-2", "sluice.requests", 2, Double.NaN);
        lag("client-1", "sluice.responses", 0, 2);
        metrics.put(name("records-lag-max", ConsumerLag.FETCH_GROUP, Map.of("client-id", "client-1")), value(99));
        var registry = new SimpleMeterRegistry();

        ConsumerLag.register(registry, "gateway", List.of("sluice.requests", "sluice.responses"), () -> metrics);

        assertThat(gauge(registry, "sluice.requests")).isEqualTo(12.0);
        assertThat(gauge(registry, "sluice.responses")).isEqualTo(2.0);
        lag("client-1", "sluice.responses", 0, 0);
        assertThat(gauge(registry, "sluice.responses")).as("read at each scrape").isZero();
        assertThat(registry.find(Telemetry.CONSUMER_LAG).gauges()).hasSize(2);
    }

    @Test
    void given_a_topology_then_its_source_topics_are_the_stage_topics() {
        var builder = new StreamsBuilder();
        builder.stream("sluice.requests", Consumed.with(Serdes.String(), Serdes.String())).to("sluice.invocations");
        builder.stream("sluice.responses", Consumed.with(Serdes.String(), Serdes.String())).to("sluice.audit");
        builder.globalTable("sluice.tenants", Consumed.with(Serdes.String(), Serdes.String()));

        assertThat(ConsumerLag.sourceTopics(builder.build().describe()))
                .containsExactly("sluice.requests", "sluice.responses", "sluice.tenants");
    }

    private double gauge(SimpleMeterRegistry registry, String topic) {
        return registry.get(Telemetry.CONSUMER_LAG).tag(Telemetry.TAG_STAGE, "gateway").tag(Telemetry.TAG_TOPIC, topic)
                .gauge().value();
    }

    private void lag(String client, String topic, int partition, double lag) {
        metrics.put(name(ConsumerLag.RECORDS_LAG, ConsumerLag.FETCH_GROUP,
                Map.of("client-id", client, "topic", topic, "partition", Integer.toString(partition))), value(lag));
    }

    private static MetricName name(String name, String group, Map<String, String> tags) {
        return new MetricName(name, group, "", tags);
    }

    private static Metric value(double value) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object metricValue() {
                return value;
            }
        };
    }
}
