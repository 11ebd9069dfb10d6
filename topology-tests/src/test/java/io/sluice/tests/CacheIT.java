package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.AiResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The response cache through the real pipeline: a deterministic request is answered once by the
 * provider and then by the gateway, scoped per tenant, missed whenever an output-affecting
 * parameter changes, bypassed for {@code no-store} and for sampled requests, served as a stream,
 * and identical concurrent requests make one provider call.
 */
@ExtendWith(SharedKafkaExtension.class)
class CacheIT {
    static final String KEY_A = "sk-test-cache-tenant-a-0123";
    static final String KEY_B = "sk-test-cache-tenant-b-4567";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static StubOpenAiServer upstream;
    static RunningSluice sluice;

    @BeforeAll
    static void start(SharedKafka kafka) {
        upstream = new StubOpenAiServer("The cached answer.");
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                tenants:
                  - id: tenant-a
                    keys: [{id: cache-a, app: web, secret: "${KEY_A}"}]
                  - id: tenant-b
                    keys: [{id: cache-b, app: web, secret: "${KEY_B}"}]
                deployments:
                  - name: stub
                    provider: openai
                    base-url: %s
                    api-key: ${UPSTREAM_KEY}
                models:
                  - name: gpt-4o
                    deployment: stub
                    price: {input: 2.50, output: 10.00}
                """.formatted(SharedKafka.newPrefix("cache"), upstream.baseUrl());
        sluice = RunningSluice.start(kafka, yaml, Map.of("KEY_A", KEY_A, "KEY_B", KEY_B, "UPSTREAM_KEY", "sk-upstream-cache-test-key"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static String body(String prompt, String extra) {
        return "{\"model\": \"gpt-4o\", \"temperature\": 0, \"messages\": [{\"role\": \"user\", \"content\": "
                + JSON.valueToTree(prompt) + "}]" + extra + "}";
    }

    private static HttpRequest.Builder request(String key, String body) {
        return HttpRequest.newBuilder(sluice.url("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> chat(String key, String body) throws Exception {
        return send(request(key, body).build());
    }

    private static long calls(String prompt) {
        return upstream.received().stream().filter(r -> r.body().contains(prompt)).count();
    }

    private static String cache(HttpResponse<String> response) {
        return response.headers().firstValue("x-sluice-cache").orElse("none");
    }

    private static String unique(String what) {
        return what + " " + UUID.randomUUID();
    }

    @Test
    void aRepeatedDeterministicRequestIsAnsweredFromTheCacheForItsTenantOnly() throws Exception {
        String prompt = unique("What is the capital of France?");

        HttpResponse<String> first = chat(KEY_A, body(prompt, ""));
        HttpResponse<String> second = chat(KEY_A, body(prompt, ""));
        HttpResponse<String> otherTenant = chat(KEY_B, body(prompt, ""));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(cache(first)).isEqualTo("miss");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(cache(second)).isEqualTo("hit");
        assertThat(JSON.readTree(second.body()).at("/choices/0/message/content").asText()).isEqualTo("The cached answer.");
        assertThat(cache(otherTenant)).as("tenant B never sees tenant A's cache").isEqualTo("miss");
        assertThat(calls(prompt)).isEqualTo(2);

        String hitId = second.headers().firstValue("x-request-id").orElseThrow();
        var topic = sluice.runtime().topics().responses();
        List<AiResponse> hit = sluice.readTopic(topic.name(), topic.valueSerde().deserializer(),
                r -> r.getRequestId().equals(hitId), found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertThat(hit.get(0).getCache()).isEqualTo("hit");
        assertThat(hit.get(0).getCostMicros()).isZero();
        assertThat(hit.get(0).getSavedCostMicros()).isPositive();
    }

    @Test
    void everyOutputAffectingParameterChangesTheKey() throws Exception {
        String prompt = unique("Name a colour.");
        List<String> variants = List.of("", ", \"max_tokens\": 7", ", \"top_p\": 0.5", ", \"stop\": [\"x\"]",
                ", \"seed\": 42", ", \"presence_penalty\": 0.5", ", \"frequency_penalty\": 0.5",
                ", \"response_format\": {\"type\": \"json_object\"}", ", \"logit_bias\": {\"42\": 1}");
        for (String variant : variants) {
            HttpResponse<String> response = chat(KEY_A, body(prompt, variant));
            assertThat(response.statusCode()).as(variant).isEqualTo(200);
            assertThat(cache(response)).as("first request with %s", variant).isEqualTo("miss");
        }
        assertThat(calls(prompt)).isEqualTo(variants.size());
        HttpResponse<String> otherModelText = chat(KEY_A, body(prompt + "!", ""));
        assertThat(cache(otherModelText)).isEqualTo("miss");
    }

    @Test
    void noStoreAndSampledRequestsAreNeverCached() throws Exception {
        String prompt = unique("Tell me a joke.");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> noStore = send(request(KEY_A, body(prompt, "")).header("Cache-Control", "no-store").build());
            assertThat(noStore.statusCode()).isEqualTo(200);
            assertThat(cache(noStore)).isEqualTo("none");
        }
        String sampled = unique("Write a poem.");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = chat(KEY_A, "{\"model\": \"gpt-4o\", \"temperature\": 0.7, \"messages\": "
                    + "[{\"role\": \"user\", \"content\": \"" + sampled + "\"}]}");
            assertThat(cache(response)).isEqualTo("none");
        }
        assertThat(calls(prompt)).isEqualTo(2);
        assertThat(calls(sampled)).isEqualTo(2);
    }

    @Test
    void aStreamingRequestIsServedFromACachedAnswerAsAStream() throws Exception {
        String prompt = unique("Summarise the plot of Hamlet.");
        assertThat(cache(chat(KEY_A, body(prompt, "")))).isEqualTo("miss");

        HttpResponse<String> streamed = chat(KEY_A, body(prompt, ", \"stream\": true"));

        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(cache(streamed)).isEqualTo("hit");
        assertThat(streamed.body()).contains("The cached answer.").contains("data: [DONE]");
        assertThat(calls(prompt)).isEqualTo(1);
    }

    @Test
    void identicalConcurrentRequestsMakeOneProviderCall() throws Exception {
        String prompt = unique("Translate 'good morning' to German.");
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inFlight.add(HTTP.sendAsync(request(KEY_A, body(prompt, "")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<String> states = new ArrayList<>();
        for (var future : inFlight) {
            HttpResponse<String> response = future.get();
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode json = JSON.readTree(response.body());
            assertThat(json.at("/choices/0/message/content").asText()).isEqualTo("The cached answer.");
            states.add(cache(response));
        }
        assertThat(calls(prompt)).isEqualTo(1);
        assertThat(states).containsOnlyOnce("miss");
    }
}
