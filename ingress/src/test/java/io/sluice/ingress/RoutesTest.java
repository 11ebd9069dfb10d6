package io.sluice.ingress;

import static io.sluice.ingress.HttpHarness.error;
import static io.sluice.ingress.HttpHarness.json;
import static io.sluice.ingress.HttpHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The routes besides chat: models, health, metrics, and what unknown paths and methods get. */
class RoutesTest {

    private static FullHttpRequest authenticated(HttpMethod method, String uri) {
        FullHttpRequest request = request(method, uri);
        request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + HttpHarness.SECRET);
        return request;
    }

    @Test
    void given_an_unknown_path_when_requested_then_404_in_the_openai_shape() {
        try (var http = new HttpHarness()) {
            FullHttpResponse response = http.exchange(authenticated(HttpMethod.GET, "/v1/completions?x=1"));

            assertThat(response.status().code()).isEqualTo(404);
            JsonNode error = error(response);
            assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.get("code").asText()).isEqualTo("not_found");
            assertThat(error.get("message").asText()).isEqualTo("Invalid URL (GET /v1/completions)");
            assertThat(http.counter(RouteTable.UNMATCHED, 404)).isEqualTo(1);
            assertThat(http.channel.isOpen()).as("keep-alive").isTrue();
        }
    }

    @Test
    void given_a_known_path_with_the_wrong_method_when_requested_then_405_with_allow() {
        try (var http = new HttpHarness()) {
            FullHttpResponse response = http.exchange(authenticated(HttpMethod.GET, "/v1/chat/completions"));

            assertThat(response.status().code()).isEqualTo(405);
            assertThat(response.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("POST");
            assertThat(error(response).get("code").asText()).isEqualTo("method_not_allowed");
            assertThat(http.counter("chat_completions", 405)).isEqualTo(1);
        }
    }

    @Test
    void given_a_valid_key_when_listing_models_then_the_catalog_in_the_openai_list_shape() {
        try (var http = new HttpHarness()) {
            FullHttpResponse response = http.exchange(authenticated(HttpMethod.GET, "/v1/models"));

            assertThat(response.status().code()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("object").asText()).isEqualTo("list");
            assertThat(body.get("data")).hasSize(2);
            JsonNode first = body.get("data").get(0);
            assertThat(first.get("id").asText()).isEqualTo("mock-echo");
            assertThat(first.get("object").asText()).isEqualTo("model");
            assertThat(first.get("owned_by").asText()).isEqualTo("sluice");
            assertThat(first.get("created").asLong()).isEqualTo(HttpHarness.NOW.getEpochSecond());
            assertThat(body.get("data").get(1).get("id").asText()).isEqualTo("gpt-4o-mini");
        }
    }

    @Test
    void given_no_key_when_listing_models_then_401() {
        try (var http = new HttpHarness()) {
            FullHttpResponse response = http.exchange(request(HttpMethod.GET, "/v1/models"));

            assertThat(response.status().code()).isEqualTo(401);
            assertThat(error(response).get("code").asText()).isEqualTo("invalid_api_key");
        }
    }

    @Test
    void given_all_checks_up_when_asking_health_then_200_up_with_each_check() {
        var checks = List.of(HealthCheck.of("kafka", () -> HealthCheck.Result.up("3 brokers")),
                HealthCheck.of("gateway", () -> HealthCheck.Result.up("RUNNING")));
        try (var http = new HttpHarness(HttpHarness.settings(1024), checks)) {
            http.health.refresh();

            FullHttpResponse response = http.exchange(request(HttpMethod.GET, "/health"));

            assertThat(response.status().code()).isEqualTo(200);
            JsonNode body = json(response);
            assertThat(body.get("status").asText()).isEqualTo("UP");
            assertThat(body.get("checks").get("kafka").get("status").asText()).isEqualTo("UP");
            assertThat(body.get("checks").get("kafka").get("detail").asText()).isEqualTo("3 brokers");
            assertThat(body.get("checks").get("gateway").get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void given_one_check_down_when_asking_health_then_503_down_but_live_is_200() {
        var kafkaUp = new AtomicBoolean(true);
        var checks = List.of(HealthCheck.of("kafka", () -> kafkaUp.get()
                ? HealthCheck.Result.up("") : HealthCheck.Result.down("no broker reachable")));
        try (var http = new HttpHarness(HttpHarness.settings(1024), checks)) {
            http.health.refresh();
            assertThat(http.exchange(request(HttpMethod.GET, "/health")).status().code()).isEqualTo(200);

            kafkaUp.set(false);
            http.health.refresh();
            FullHttpResponse health = http.exchange(request(HttpMethod.GET, "/health"));
            FullHttpResponse live = http.exchange(request(HttpMethod.GET, "/health/live"));

            assertThat(health.status().code()).isEqualTo(503);
            assertThat(json(health).get("status").asText()).isEqualTo("DOWN");
            assertThat(json(health).get("checks").get("kafka").get("detail").asText()).isEqualTo("no broker reachable");
            assertThat(live.status().code()).isEqualTo(200);
            assertThat(json(live).get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void given_checks_not_yet_evaluated_when_asking_health_then_503() {
        var checks = List.of(HealthCheck.of("kafka", () -> HealthCheck.Result.up("")));
        try (var http = new HttpHarness(HttpHarness.settings(1024), checks)) {
            assertThat(http.exchange(request(HttpMethod.GET, "/health")).status().code()).isEqualTo(503);
        }
    }

    @Test
    void given_requests_were_served_when_scraping_metrics_then_prometheus_text_with_the_ingress_meters() {
        try (var http = new HttpHarness()) {
            http.exchange(request(HttpMethod.GET, "/nowhere"));
            http.exchange(HttpHarness.post("/v1/chat/completions", HttpHarness.minimalChat()));

            FullHttpResponse response = http.exchange(request(HttpMethod.GET, "/metrics"));

            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo(MetricsHandler.PROMETHEUS_TEXT);
            String text = response.content().toString(StandardCharsets.UTF_8);
            assertThat(text).contains("sluice_ingress_requests_total{route=\"unmatched\",status=\"404\"} 1.0");
            assertThat(text).contains("sluice_ingress_in_flight 0.0");
            assertThat(text).contains(
                    "gen_ai_server_request_duration_seconds_count{error_type=\"401\",gen_ai_request_model=\"_other\"} 1");
        }
    }

    @Test
    void given_an_openmetrics_accept_header_when_scraping_then_openmetrics() {
        try (var http = new HttpHarness()) {
            FullHttpRequest request = request(HttpMethod.GET, "/metrics");
            request.headers().set(HttpHeaderNames.ACCEPT, "application/openmetrics-text; version=1.0.0");

            FullHttpResponse response = http.exchange(request);

            assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo(MetricsHandler.OPENMETRICS_TEXT);
            assertThat(response.content().toString(StandardCharsets.UTF_8)).endsWith("# EOF\n");
        }
    }

    @Test
    void given_the_server_is_closing_when_a_new_request_arrives_then_503_shutting_down_and_close() {
        try (var http = new HttpHarness()) {
            http.closing.set(true);

            FullHttpResponse response = http.exchange(authenticated(HttpMethod.GET, "/v1/models"));

            assertThat(response.status().code()).isEqualTo(503);
            assertThat(error(response).get("type").asText()).isEqualTo("server_error");
            assertThat(error(response).get("code").asText()).isEqualTo("shutting_down");
            assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
            assertThat(http.channel.isOpen()).isFalse();
            assertThat(http.counter("models", 503)).isEqualTo(1);
        }
    }

    @Test
    void given_a_request_the_codec_cannot_decode_then_400_and_close() {
        try (var http = new HttpHarness()) {
            http.channel.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(
                    "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n", StandardCharsets.US_ASCII));

            FullHttpResponse response = http.nextResponse();

            assertThat(response.status().code()).isEqualTo(400);
            assertThat(error(response).get("code").asText()).isEqualTo("bad_request");
            assertThat(http.channel.isOpen()).isFalse();
        }
    }

}
