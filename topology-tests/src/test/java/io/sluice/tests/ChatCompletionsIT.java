package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A request's whole path through a real broker: HTTP ingress → requests → gateway → invocations
 * → invoker → provider → responses/replies → ingress, with the JDK client, the official OpenAI
 * Java SDK and the audit trail read back from the audit topic.
 */
@ExtendWith(SharedKafkaExtension.class)
class ChatCompletionsIT {
    static final String KEY = "sk-test-acme-web-0123456789";
    static final String UPSTREAM_KEY = "sk-upstream-secret-42";
    private static final ObjectMapper JSON = new ObjectMapper();

    static StubOpenAiServer upstream;
    static RunningSluice sluice;

    @BeforeAll
    static void start(SharedKafka kafka) {
        upstream = new StubOpenAiServer("Bonjour from upstream");
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                ingress:
                  request-timeout: 1500ms
                # this class is about the transport (a 2 MB body among others); SanitizeIT covers inspection
                sanitize:
                  injection: {action: off}
                  secrets: {action: off}
                  pii: {action: off}
                tenants:
                  - id: acme
                    keys:
                      - id: acme-web
                        app: web
                        secret: ${ACME_KEY}
                deployments:
                  - name: mock
                    provider: mock
                  - name: stub-openai
                    provider: openai
                    base-url: %s
                    api-key: ${UPSTREAM_KEY}
                    region: eu
                models:
                  - name: mock-echo
                    deployment: mock
                  - name: mock-slow
                    deployment: mock
                  - name: mock-error-500
                    deployment: mock
                  - name: gpt-4o
                    deployment: stub-openai
                    upstream-model: gpt-4o-2024-08-06
                """.formatted(SharedKafka.newPrefix("e2e"), upstream.baseUrl());
        sluice = RunningSluice.start(kafka, yaml, Map.of("ACME_KEY", KEY, "UPSTREAM_KEY", UPSTREAM_KEY));
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

    @Test
    void echoRequestIsAnsweredInTheOpenAiShapeAndAudited() throws Exception {
        HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json", """
                {"model": "mock-echo", "messages": [
                  {"role": "system", "content": "You are terse."},
                  {"role": "user", "content": "Hello through Kafka"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        String id = body.get("id").asText();
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("model").asText()).isEqualTo("mock-echo");
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello through Kafka");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/usage/completion_tokens").asInt()).isPositive();
        assertThat(body.at("/usage/total_tokens").asInt())
                .isEqualTo(body.at("/usage/prompt_tokens").asInt() + body.at("/usage/completion_tokens").asInt());
        assertThat(response.headers().firstValue("x-request-id")).contains(id);

        List<AuditEvent> events = auditOf(id, 4);
        assertThat(events).extracting(AuditEvent::getAction).containsExactlyInAnyOrder(
                AuditAction.ACCEPTED, AuditAction.ROUTED, AuditAction.INVOKED, AuditAction.RESPONDED);
        assertThat(events).filteredOn(AuditEvent::getOutcome).singleElement().satisfies(outcome -> {
            assertThat(outcome.getAction()).isEqualTo(AuditAction.RESPONDED);
            assertThat(outcome.getCompletionTokens()).isEqualTo(body.at("/usage/completion_tokens").asInt());
            assertThat(outcome.getPromptTokens()).isEqualTo(body.at("/usage/prompt_tokens").asInt());
        });
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getTenantId()).isEqualTo("acme");
            assertThat(e.getAppId()).isEqualTo("web");
            assertThat(e.getApiKeyId()).isEqualTo("acme-web");
            assertThat(e.toString()).doesNotContain("Hello through Kafka").doesNotContain(KEY);
        });
    }

    @Test
    void officialOpenAiJavaClientWorksUnchanged() {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(sluice.url("/v1").toString())
                .apiKey(KEY)
                .maxRetries(0)
                .build();
        try {
            ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("mock-echo")
                    .addSystemMessage("Answer briefly.")
                    .addUserMessage("Is the SDK happy?")
                    .temperature(0.0)
                    .maxCompletionTokens(50)
                    .build());

            assertThat(completion.choices()).hasSize(1);
            assertThat(completion.choices().get(0).message().content()).contains("Is the SDK happy?");
            assertThat(completion.usage()).isPresent();
            assertThat(completion.model()).isEqualTo("mock-echo");

            var models = client.models().list();
            assertThat(models.data()).extracting(m -> m.id()).contains("mock-echo", "gpt-4o");

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.chat().completions().create(
                            ChatCompletionCreateParams.builder().model("no-such-model").addUserMessage("hi").build()))
                    .isInstanceOf(NotFoundException.class);
        } finally {
            client.close();
        }
    }

    @Test
    void openAiProviderSendsTheExactWireFormatToTheConfiguredUpstream() throws Exception {
        HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json; charset=utf-8", """
                {"model": "gpt-4o", "messages": [{"role": "user", "content": "Bonjour"}],
                 "temperature": 0.2, "max_tokens": 64, "user": "user-7"}""");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Bonjour from upstream");
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(17);
        assertThat(response.headers().firstValue("x-sluice-deployment")).contains("stub-openai");

        StubOpenAiServer.Received call = upstream.received().get(upstream.received().size() - 1);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v1/chat/completions");
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
        assertThat(call.header("Content-Type")).startsWith("application/json");
        JsonNode sent = JSON.readTree(call.body());
        assertThat(sent.get("model").asText()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Bonjour");
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(sent.get("user").asText()).isEqualTo("user-7");
        assertThat(sent.has("stream") && sent.get("stream").asBoolean()).isFalse();

        List<AuditEvent> events = auditOf(body.get("id").asText(), 4);
        assertThat(events).filteredOn(e -> e.getAction() == AuditAction.ROUTED).singleElement()
                .satisfies(e -> {
                    assertThat(e.getDeployment()).isEqualTo("stub-openai");
                    assertThat(e.getRegion()).isEqualTo("eu");
                });
        assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(UPSTREAM_KEY));
    }

    @Test
    void providerFailureIsA502InTheOpenAiErrorShapeWithOneOutcomeEvent() throws Exception {
        HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"mock-error-500\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("type").asText()).isNotBlank();
        assertThat(error.get("message").asText()).isNotBlank();
        String requestId = response.headers().firstValue("x-request-id").orElseThrow();
        List<AuditEvent> events = auditOf(requestId, 4);
        assertThat(events).filteredOn(AuditEvent::getOutcome).singleElement()
                .satisfies(e -> assertThat(e.getHttpStatus()).isEqualTo(502));
    }

    @Test
    void slowAnswerBeyondTheRequestTimeoutIsA504() throws Exception {
        HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"mock-slow\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}");

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(JSON.readTree(response.body()).at("/error/type").asText()).isEqualTo("timeout");
    }

    @Test
    void badRequestsGetOpenAiShapedErrorsAndNeverReachTheProvider() throws Exception {
        int upstreamCallsBefore = upstream.received().size();
        String valid = "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}";

        assertError(sluice.post("/v1/chat/completions", null, "application/json", valid), 401, "invalid_api_key");
        assertError(sluice.post("/v1/chat/completions", "sk-wrong-key-0000000000", "application/json", valid),
                401, "invalid_api_key");
        assertError(sluice.post("/v1/chat/completions", KEY, "text/plain", valid), 415, null);
        assertError(sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"nope\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}"), 404, "model_not_found");
        assertError(sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"gpt-4o\", \"api_base\": \"http://169.254.169.254/\", "
                        + "\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}"), 400, null);
        assertError(sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"gpt-4o\", \"model\": \"gpt-4o\", \"messages\": []}"), 400, null);
        assertError(sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"gpt-4o\", \"messages\": \"not a list\"}"), 400, null);
        assertError(sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"gpt-4o\", \"messages\": " + "[".repeat(200) + "]".repeat(200) + "}"), 400, null);
        assertError(sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \""
                        + "x".repeat(5 * 1024 * 1024) + "\"}]}"), 413, null);
        assertError(sluice.post("/v1/nothing-here", KEY, "application/json", valid), 404, null);

        assertThat(upstream.received()).hasSize(upstreamCallsBefore);
        assertThat(sluice.get("/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void healthAndMetricsAreServed() throws Exception {
        HttpResponse<String> health = sluice.get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");

        HttpResponse<String> counted = sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"mock-echo\", \"messages\": [{\"role\": \"user\", \"content\": \"count me\"}]}");
        assertThat(counted.statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = sluice.get("/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body().lines()
                .filter(l -> l.startsWith("sluice_ingress_requests_total{"))
                .filter(l -> l.contains("status=\"200\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum()).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.body()).contains("gen_ai_server_request_duration_seconds");
        assertThat(metrics.body()).doesNotContain(counted.headers().firstValue("x-request-id").orElseThrow());
    }

    @Test
    void aBodyLargerThanKafkasDefaultRecordSizeIsAcceptedUpToTheConfiguredLimit() throws Exception {
        String content = "word ".repeat(400_000); // 2 MB: above Kafka's 1 MiB default, below the 4 MiB limit
        HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"mock-echo\", \"messages\": [{\"role\": \"user\", \"content\": \"" + content + "\"}]}");

        assertThat(response.statusCode()).as(response.body().length() > 300 ? response.body().substring(0, 300) : response.body())
                .isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/choices/0/message/content").asText()).hasSize(content.length());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.has("type")).isTrue();
        assertThat(error.has("code")).isTrue();
        assertThat(error.has("param")).isTrue();
        if (code != null) {
            assertThat(error.get("code").asText()).isEqualTo(code);
        }
        assertThat(response.body()).doesNotContain(KEY);
    }

    private static List<AuditEvent> auditOf(String requestId, int expected) {
        var topic = sluice.runtime().topics().audit();
        return sluice.readTopic(topic.name(), topic.valueSerde().deserializer(),
                e -> e.getRequestId().equals(requestId), l -> l.size() >= expected, Duration.ofSeconds(20));
    }
}
