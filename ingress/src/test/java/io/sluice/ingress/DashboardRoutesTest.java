package io.sluice.ingress;

import static io.sluice.ingress.HttpHarness.error;
import static io.sluice.ingress.HttpHarness.json;
import static io.sluice.ingress.HttpHarness.request;
import static io.sluice.ingress.Sketches.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** {@code GET /dashboard} and {@code GET /dashboard/data} through the real pipeline, with a board filled by the test. */
class DashboardRoutesTest {
    private static final Instant MINUTE = HttpHarness.NOW.truncatedTo(ChronoUnit.MINUTES);

    private static FullHttpRequest get(String uri, String key) {
        FullHttpRequest request = request(HttpMethod.GET, uri);
        if (key != null) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + key);
        }
        return request;
    }

    /** acme on two models (one fast, one slow) over two minutes, globex on one. */
    private static void fill(MetricsBoard board) {
        double[] fast = DoubleStream.generate(() -> 100).limit(90).toArray();
        double[] slow = DoubleStream.generate(() -> 2_000).limit(10).toArray();
        board.accept(MinuteStats.of(minute("acme", "fast", MINUTE.minusSeconds(120), 1, 1_000_000, fast)));
        board.accept(MinuteStats.of(minute("acme", "slow", MINUTE.minusSeconds(120), 1, 2_500_000, slow)));
        board.accept(MinuteStats.of(minute("acme", "fast", MINUTE.minusSeconds(60), 2, 5, 40)));
        board.accept(MinuteStats.of(minute("globex", "fast", MINUTE.minusSeconds(60), 1, 7, 30, 30)));
    }

    @Test
    void given_an_admin_key_when_asking_for_the_data_then_every_tenant_with_sums_per_minute_tenant_and_model() {
        try (var http = new HttpHarness()) {
            fill(http.dashboard);

            FullHttpResponse response = http.exchange(get("/dashboard/data?minutes=5", HttpHarness.ADMIN_SECRET));

            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
            JsonNode body = json(response);
            assertThat(body.get("tenant").isNull()).isTrue();
            assertThat(body.get("minutes")).hasSize(5);
            assertThat(body.at("/minutes/4").asText()).as("the last closed minute").isEqualTo(MINUTE.minusSeconds(60).toString());
            assertThat(body.at("/totals/requests").asLong()).isEqualTo(103);
            assertThat(body.at("/totals/cost_micros").asLong()).isEqualTo(3_500_012);
            // 10 % of acme's first minute took 2 s: its p95 is the slow model's, not an average of p95s
            JsonNode minute = body.at("/timeline/3");
            assertThat(minute.get("requests").asLong()).isEqualTo(100);
            assertThat(minute.get("latency_p95_ms").asDouble()).isCloseTo(2_000, within(20.0));
            assertThat(minute.get("latency_p50_ms").asDouble()).isCloseTo(100, within(1.0));
            assertThat(body.at("/timeline/0/requests").asLong()).isZero();
            assertThat(body.at("/timeline/0/latency_p50_ms").isNull()).isTrue();
            assertThat(names(body.get("tenants"), "tenant")).containsExactly("acme", "globex");
            assertThat(body.at("/tenants/0/cost_micros").asLong()).isEqualTo(3_500_005);
            assertThat(names(body.get("models"), "model")).containsExactly("fast", "slow");
            assertThat(body.at("/models/0/cost_micros").asLong()).isEqualTo(1_000_012);
            assertThat(body.get("series")).hasSize(3);
            assertThat(body.at("/series/0/model").asText()).isEqualTo("fast");
            assertThat(body.at("/series/0/points")).hasSize(2);
            assertThat(body.at("/series/0/points/1/revision").asLong()).isEqualTo(2);
            assertThat(body.at("/series/0/points/1/latency_p99_ms").asDouble()).isCloseTo(40, within(0.4));
        }
    }

    @Test
    void given_a_tenant_key_when_asking_for_the_data_then_only_its_tenant_is_there() {
        try (var http = new HttpHarness()) {
            fill(http.dashboard);

            JsonNode body = json(http.exchange(get("/dashboard/data", HttpHarness.OTHER_SECRET)));

            assertThat(body.get("tenant").asText()).isEqualTo("globex");
            assertThat(body.get("minutes")).hasSize(60);
            assertThat(names(body.get("series"), "tenant")).containsExactly("globex");
            assertThat(names(body.get("tenants"), "tenant")).containsExactly("globex");
            assertThat(body.at("/totals/cost_micros").asLong()).isEqualTo(7);
            assertThat(body.at("/totals/requests").asLong()).isEqualTo(2);
        }
    }

    @Test
    void given_no_key_or_a_bad_query_then_openai_shaped_errors() {
        try (var http = new HttpHarness()) {
            FullHttpResponse anonymous = http.exchange(get("/dashboard/data", null));
            assertThat(anonymous.status().code()).isEqualTo(401);
            assertThat(error(anonymous).get("code").asText()).isEqualTo("invalid_api_key");

            for (String query : List.of("minutes=0", "minutes=61", "minutes=abc", "minutes=5&minutes=6", "minutes=")) {
                FullHttpResponse bad = http.exchange(get("/dashboard/data?" + query, HttpHarness.SECRET));
                assertThat(bad.status().code()).as(query).isEqualTo(400);
                assertThat(error(bad).get("param").asText()).as(query).isEqualTo("minutes");
                assertThat(error(bad).get("type").asText()).isEqualTo("invalid_request_error");
            }
            FullHttpResponse unknown = http.exchange(get("/dashboard/data?tenant=acme", HttpHarness.SECRET));
            assertThat(unknown.status().code()).isEqualTo(400);
            assertThat(error(unknown).get("code").asText()).isEqualTo("unknown_parameter");

            FullHttpResponse post = http.exchange(HttpHarness.post("/dashboard/data", "{}"));
            assertThat(post.status().code()).isEqualTo(405);
        }
    }

    @Test
    void the_page_is_self_contained_and_its_policy_allows_exactly_its_own_script_and_style() {
        try (var http = new HttpHarness()) {
            FullHttpResponse response = http.exchange(get("/dashboard", null));

            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/html; charset=utf-8");
            assertThat(response.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
            String html = response.content().toString(StandardCharsets.UTF_8);
            String policy = response.headers().get(HttpHeaderNames.CONTENT_SECURITY_POLICY);
            assertThat(policy).startsWith("default-src 'none';").contains("connect-src 'self'")
                    .doesNotContain("unsafe").doesNotContain("http");
            List<String> scripts = inline(html, "script");
            List<String> styles = inline(html, "style");
            assertThat(scripts).singleElement().satisfies(s -> assertThat(policy)
                    .contains("script-src '" + DashboardPage.sha256(s) + "'"));
            assertThat(styles).singleElement().satisfies(s -> assertThat(policy)
                    .contains("style-src '" + DashboardPage.sha256(s) + "'"));
            assertThat(html).doesNotContain("src=").doesNotContain("href=").doesNotContain("{{")
                    .doesNotContainPattern("<[^>]*\\son[a-z]+=");
        }
    }

    private static List<String> inline(String html, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
