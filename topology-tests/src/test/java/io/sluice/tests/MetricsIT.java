package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.app.SluiceRuntime.Component;
import io.sluice.tests.PrometheusText.Sample;
import io.sluice.tests.PrometheusText.Scrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metrics of a distributed Sluice after known traffic, as Prometheus gets them: the ingress in
 * one process (served on its API port), the gateway and the invoker in another (served by its
 * metrics server). Successes, a cache hit, a stream, rejections by the ingress and by the gateway
 * and a provider failure are sent; both endpoints are scraped over HTTP and read by a strict parser;
 * the counts must equal what the clients saw, to the token and the micro-dollar. No label may carry a
 * request id or user text, and every metric the Grafana dashboard queries must exist.
 */
@ExtendWith(SharedKafkaExtension.class)
class MetricsIT {
    static final String KEY_A = "sk-test-metrics-team-a-0123456789";
    static final String KEY_B = "sk-test-metrics-team-b-0123456789";
    /** A word in every prompt, so that a label carrying user text would show. */
    static final String PROMPT_MARKER = "Quetzalcoatl";
    static final long BUDGET_MICROS = 10_000_000;
    /** Prices: input $1 and output $2 per million tokens, so a call costs prompt + 2 x completion micro-dollars. */
    static final long INPUT_MICROS_PER_TOKEN = 1;
    static final long OUTPUT_MICROS_PER_TOKEN = 2;
    static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "dashboards", "sluice-overview.json");
    /** Series Prometheus makes itself rather than scrapes. */
    static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static RunningSluice backend;
    static RunningSluice front;
    static String prefix;
    static final Traffic sent = new Traffic();

    /** What the clients saw: the expectations of the meters. */
    static final class Traffic {
        int successes;
        int cacheHits;
        int cacheMisses;
        int pipelineAnswers;
        final Map<String, long[]> tokensByTenant = new HashMap<>();
        final Set<String> requestIds = new TreeSet<>();

        void providerAnswered(String tenant, JsonNode usage) {
            long[] tokens = tokensByTenant.computeIfAbsent(tenant, t -> new long[2]);
            tokens[0] += usage.get("prompt_tokens").asLong();
            tokens[1] += usage.get("completion_tokens").asLong();
        }

        long prompt() {
            return tokensByTenant.values().stream().mapToLong(t -> t[0]).sum();
        }

        long completion() {
            return tokensByTenant.values().stream().mapToLong(t -> t[1]).sum();
        }

        long costMicros(String tenant) {
            long[] tokens = tokensByTenant.get(tenant);
            return tokens[0] * INPUT_MICROS_PER_TOKEN + tokens[1] * OUTPUT_MICROS_PER_TOKEN;
        }
    }

    @BeforeAll
    static void startAndSendTraffic(SharedKafka kafka) {
        prefix = SharedKafka.newPrefix("metrics");
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 2
                finops:
                  flush-interval: 200ms
                invoker:
                  retry: {max-attempts: 2, initial-backoff: 10ms, max-backoff: 20ms}
                tenants:
                  - id: team-a
                    keys: [{id: team-a-key, app: web, secret: "${KEY_A}"}]
                    budgets: [{period: day, limit: 10.00}]
                  - id: team-b
                    keys: [{id: team-b-key, app: batch, secret: "${KEY_B}", limits: {requests-per-minute: 1}}]
                deployments:
                  - {name: mock, provider: mock, region: local}
                models:
                  - {name: echo, deployment: mock, upstream-model: mock-echo, price: {input: 1.00, output: 2.00}}
                  - {name: trickle, deployment: mock, upstream-model: mock-stream, price: {input: 1.00, output: 2.00}}
                  - {name: broken, deployment: mock, upstream-model: mock-error-500, price: {input: 1.00, output: 2.00}}
                """.formatted(prefix);
        Map<String, String> env = Map.of("KEY_A", KEY_A, "KEY_B", KEY_B);
        backend = RunningSluice.start(kafka, yaml, env, EnumSet.of(Component.GATEWAY, Component.INVOKER));
        front = RunningSluice.start(kafka, yaml, env, EnumSet.of(Component.INGRESS));
        sendTraffic();
    }

    @AfterAll
    static void stop() throws IOException {
        if (front != null) {
            front.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static void sendTraffic() {
        for (int i = 0; i < 3; i++) {
            chat(KEY_A, "team-a", "echo", "metrics probe " + i + " for " + PROMPT_MARKER, "\"temperature\": 0", 200);
        }
        // the cache is filled from the responses topic, a moment after the first answer
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (sent.cacheHits == 0 && System.nanoTime() < deadline) {
            chat(KEY_A, "team-a", "echo", "metrics probe 0 for " + PROMPT_MARKER, "\"temperature\": 0", 200);
        }
        assertThat(sent.cacheHits).as("a repeated deterministic request is answered from the cache").isEqualTo(1);
        stream();
        chat(KEY_B, "team-b", "echo", "limited " + PROMPT_MARKER, "\"temperature\": 0.5", 200);
        chat(KEY_B, "team-b", "echo", "limited again " + PROMPT_MARKER, "\"temperature\": 0.5", 429);
        chat("sk-test-metrics-nobody-0123456789", null, "echo", "who am I " + PROMPT_MARKER, "\"temperature\": 0", 401);
        chat(KEY_A, "team-a", "no-such-model", "anything " + PROMPT_MARKER, "\"temperature\": 0", 404);
        chat(KEY_A, "team-a", "broken", "fails " + PROMPT_MARKER, "\"temperature\": 0.5", 502);
    }

    /** Sends one chat request, checks its status and notes what the meters must count for it. */
    private static void chat(String key, String tenant, String model, String prompt, String extra, int status) {
        String body = "{\"model\": \"" + model + "\", " + extra + ", \"messages\": [{\"role\": \"user\", \"content\": "
                + JSON.valueToTree(prompt) + "}]}";
        HttpResponse<String> response = front.post("/v1/chat/completions", key, "application/json", body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(status);
        response.headers().firstValue("x-request-id").ifPresent(sent.requestIds::add);
        if (status == 401 || status == 404) {
            return;
        }
        sent.pipelineAnswers++;
        if (status != 200) {
            return;
        }
        sent.successes++;
        String cache = response.headers().firstValue("x-sluice-cache").orElse("");
        if (cache.equals("hit")) {
            sent.cacheHits++;
            return;
        }
        if (cache.equals("miss")) {
            sent.cacheMisses++;
        }
        sent.providerAnswered(tenant, read(response.body()).get("usage"));
    }

    private static void stream() {
        String body = "{\"model\": \"trickle\", \"temperature\": 0.7, \"stream\": true, "
                + "\"stream_options\": {\"include_usage\": true}, \"messages\": [{\"role\": \"user\", \"content\": "
                + "\"stream some words about " + PROMPT_MARKER + "\"}]}";
        SseReply reply = SseReply.post(front.url("/v1/chat/completions"), KEY_A, body);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.endedCleanly()).isTrue();
        JsonNode last = reply.chunks().get(reply.chunks().size() - 1);
        sent.requestIds.add(last.get("id").asText());
        sent.successes++;
        sent.pipelineAnswers++;
        sent.providerAnswered("team-a", last.get("usage"));
    }

    @Test
    void given_the_traffic_when_scraping_the_ingress_then_outcomes_rejections_cache_and_latency_match_it() {
        Scrape ingress = scrape(front.metricsUrl());

        assertThat(ingress.sum("sluice_requests_total", "outcome", "success")).isEqualTo(sent.successes);
        assertThat(ingress.sum("sluice_requests_total", "outcome", "error", "error_type", "upstream_error")).isEqualTo(1);
        assertThat(ingress.sum("sluice_requests_total", "outcome", "rejected")).isEqualTo(3);
        assertThat(ingress.find("sluice_rejections_total")).extracting(s -> s.labels().get("reason"), Sample::value)
                .containsExactlyInAnyOrder(tuple("rate_limit_exceeded", 1.0),
                        tuple("invalid_api_key", 1.0),
                        tuple("model_not_found", 1.0));
        assertThat(ingress.sum("sluice_cache_lookups_total", "result", "hit")).isEqualTo(sent.cacheHits);
        assertThat(ingress.sum("sluice_cache_lookups_total", "result", "miss")).isEqualTo(sent.cacheMisses);
        assertThat(ingress.sum("sluice_gateway_overhead_seconds_count")).isEqualTo(sent.pipelineAnswers);
        assertThat(ingress.sum("gen_ai_server_time_to_first_token_seconds_count", "gen_ai_request_model", "trickle"))
                .isEqualTo(1);
        assertThat(ingress.sum("gen_ai_server_request_duration_seconds_count"))
                .isEqualTo(sent.pipelineAnswers + 2);
        assertThat(ingress.find("gen_ai_server_request_duration_seconds_bucket", "gen_ai_request_model", "echo",
                "error_type", "none")).as("buckets for histogram_quantile").hasSizeGreaterThan(10);
        assertThat(ingress.sum("sluice_ingress_in_flight")).isZero();
        assertThat(ingress.find("jvm_memory_used_bytes")).isNotEmpty();
    }

    @Test
    void given_the_traffic_when_scraping_the_invoker_then_tokens_and_cost_equal_the_usage_the_clients_got() {
        Scrape backendScrape = awaitScrape(backend.metricsUrl(), s -> s.sum("sluice_invoker_in_flight") == 0);

        assertThat(backendScrape.sum("gen_ai_client_token_usage_sum", "gen_ai_token_type", "input"))
                .isEqualTo(sent.prompt()).isPositive();
        assertThat(backendScrape.sum("gen_ai_client_token_usage_sum", "gen_ai_token_type", "output"))
                .isEqualTo(sent.completion()).isPositive();
        assertThat(backendScrape.sum("gen_ai_client_token_usage_count", "gen_ai_token_type", "input"))
                .as("one per provider call that answered").isEqualTo(sent.successes - sent.cacheHits);
        for (String tenant : sent.tokensByTenant.keySet()) {
            assertThat(backendScrape.sum("sluice_tokens_total", "tenant", tenant, "gen_ai_token_type", "input"))
                    .as(tenant).isEqualTo(sent.tokensByTenant.get(tenant)[0]);
            assertThat(backendScrape.sum("sluice_cost_microdollars_total", "tenant", tenant))
                    .as(tenant).isEqualTo(sent.costMicros(tenant));
        }
        assertThat(backendScrape.find("gen_ai_client_operation_duration_seconds_count", "gen_ai_provider_name", "mock",
                "gen_ai_request_model", "mock-error-500", "error_type", "upstream_error")).isNotEmpty();
        assertThat(backendScrape.sum("sluice_invoker_retries_total", "kind", "retry")).isEqualTo(1);
        assertLag(backendScrape, "gateway", prefix + "requests");
        assertLag(backendScrape, "gateway", prefix + "responses");
        assertLag(backendScrape, "invoker", prefix + "invocations");
        assertThat(backendScrape.find("jvm_memory_used_bytes")).isNotEmpty();
    }

    private static void assertLag(Scrape scrape, String stage, String topic) {
        assertThat(scrape.find("sluice_consumer_lag_records", "stage", stage, "topic", topic))
                .as(stage + " " + topic).singleElement()
                .satisfies(s -> assertThat(s.value()).isNotNaN().isGreaterThanOrEqualTo(0));
    }

    @Test
    void given_the_traffic_when_the_budget_is_settled_then_the_ingress_shows_what_is_left_of_it() {
        double expected = BUDGET_MICROS - sent.costMicros("team-a");

        Scrape ingress = awaitScrape(front.metricsUrl(), s -> s.sum("sluice_budget_remaining_microdollars",
                "tenant", "team-a", "scope", "tenant", "period", "day") == expected);

        assertThat(ingress.sum("sluice_budget_limit_microdollars", "tenant", "team-a")).isEqualTo(BUDGET_MICROS);
        assertThat(ingress.find("sluice_budget_remaining_microdollars", "tenant", "team-b")).isEmpty();
    }

    @Test
    void no_label_carries_a_request_id_a_key_or_user_text() {
        Scrape all = scrape(front.metricsUrl()).plus(scrape(backend.metricsUrl()));
        Pattern requestIdLike = Pattern.compile(
                "chatcmpl-\\w{8,}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\\p{XDigit}{24,}");

        assertThat(sent.requestIds).hasSizeGreaterThan(5);
        for (Sample sample : all.samples()) {
            for (String value : sample.labels().values()) {
                String where = sample.name() + sample.labels();
                assertThat(value).as(where).doesNotContainIgnoringCase(PROMPT_MARKER.toLowerCase())
                        .doesNotContain(KEY_A, KEY_B).doesNotContain("metrics probe");
                assertThat(requestIdLike.matcher(value).find()).as(where).isFalse();
                assertThat(sent.requestIds).as(where).doesNotContain(value);
            }
        }
    }

    @Test
    void every_metric_the_dashboard_queries_is_scraped() throws IOException {
        Scrape all = scrape(front.metricsUrl()).plus(scrape(backend.metricsUrl()));
        Set<String> queried = DashboardQueries.metricNames(JSON.readTree(DASHBOARD.toFile()));

        assertThat(queried).contains("sluice_requests_total", "gen_ai_server_request_duration_seconds_bucket",
                "sluice_cost_microdollars_total", "sluice_consumer_lag_records", "sluice_budget_remaining_microdollars");
        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(all.names());
        missing.removeAll(MADE_BY_PROMETHEUS);
        assertThat(missing).as("queried by the dashboard but not scraped").isEmpty();
    }

    /** The metric names in a Grafana dashboard's PromQL expressions. */
    static final class DashboardQueries {
        private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
        private static final Pattern LABEL_SET = Pattern.compile("\\{[^}]*}");
        private static final Pattern GROUPING = Pattern.compile(
                "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
        private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
        private static final Pattern VARIABLE = Pattern.compile("\\$\\w+");
        /** An identifier not called as a function. */
        private static final Pattern NAME = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
        private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
                "group_right", "bool", "offset", "and", "or", "unless", "inf", "nan", "e");

        static Set<String> metricNames(JsonNode dashboard) {
            Set<String> names = new TreeSet<>();
            dashboard.findValues("expr").forEach(expr -> names.addAll(metricNames(expr.asText())));
            return names;
        }

        static Set<String> metricNames(String expr) {
            String bare = VARIABLE.matcher(expr).replaceAll("");
            bare = STRING.matcher(bare).replaceAll("");
            bare = LABEL_SET.matcher(bare).replaceAll("");
            bare = GROUPING.matcher(bare).replaceAll("");
            bare = RANGE.matcher(bare).replaceAll("");
            Set<String> names = new TreeSet<>();
            Matcher m = NAME.matcher(bare);
            while (m.find()) {
                if (!KEYWORDS.contains(m.group(1).toLowerCase())) {
                    names.add(m.group(1));
                }
            }
            return names;
        }
    }

    private static Scrape awaitScrape(URI url, Predicate<Scrape> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Scrape last = scrape(url);
        while (!done.test(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = scrape(url);
        }
        return last;
    }

    private static Scrape scrape(URI url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            return PrometheusText.parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
