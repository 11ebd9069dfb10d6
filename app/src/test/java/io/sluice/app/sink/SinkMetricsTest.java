package io.sluice.app.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.config.SluiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** What a sink command publishes at /metrics, over real HTTP on loopback. */
class SinkMetricsTest {
    @Test
    void given_a_sink_consumer_when_scraping_then_its_lag_per_topic_and_the_jvm_meters_are_served() throws Exception {
        Map<MetricName, Metric> consumerMetrics = Map.of(
                new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                        Map.of("client-id", "sink", "topic", "sluice.audit", "partition", "0")),
                lag(4));

        try (var metrics = SinkMetrics.serve(new SluiceConfig.MetricsSection("127.0.0.1", 0))) {
            metrics.consumerLag("sink-postgres", List.of("sluice.audit", "sluice.costs"), () -> consumerMetrics);
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics.port() + "/metrics"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body())
                    .contains("sluice_consumer_lag_records{stage=\"sink-postgres\",topic=\"sluice.audit\"} 4.0")
                    .contains("sluice_consumer_lag_records{stage=\"sink-postgres\",topic=\"sluice.costs\"} 0.0")
                    .contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void given_it_is_closed_twice_then_nothing_fails() {
        var metrics = SinkMetrics.serve(new SluiceConfig.MetricsSection("127.0.0.1", 0));
        metrics.close();
        metrics.close();
    }

    private static Metric lag(double value) {
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
