package io.sluice.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metrics endpoint of processes without an ingress, over real HTTP on loopback. */
class MetricsServerTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final MetricsServer server = MetricsServer.start(registry, "127.0.0.1", 0);

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    @Test
    void given_a_meter_when_scraping_then_it_is_there_in_the_prometheus_text_format() throws Exception {
        Counter.builder("sluice.test.things").tag("kind", "a").register(registry).increment(3);

        HttpResponse<String> response = get("/metrics", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsServer.PROMETHEUS_TEXT);
        assertThat(response.body()).contains("sluice_test_things_total{kind=\"a\"} 3.0");
    }

    @Test
    void given_an_openmetrics_scraper_when_scraping_then_openmetrics() throws Exception {
        HttpResponse<String> response = get("/metrics", "application/openmetrics-text; version=1.0.0");

        assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsServer.OPENMETRICS_TEXT);
        assertThat(response.body()).endsWith("# EOF\n");
    }

    @Test
    void given_another_path_or_method_then_404_or_405() throws Exception {
        assertThat(get("/metrics/extra", null).statusCode()).isEqualTo(404);
        assertThat(get("/", null).statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(url("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void given_a_port_in_use_when_starting_then_the_error_names_it() {
        assertThatThrownBy(() -> MetricsServer.start(registry, "127.0.0.1", server.port()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + server.port());
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        var request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
