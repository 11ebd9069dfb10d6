package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code stream: true} through the real pipeline: the provider's deltas travel as chunks on the
 * ingress's {@code replies} partition and leave as Server-Sent Events in OpenAI's chunk format,
 * read with the JDK client and with the official OpenAI Java SDK.
 */
@ExtendWith(SharedKafkaExtension.class)
class StreamingIT {
    static final String KEY = "sk-test-stream-0123456789";
    static final String UPSTREAM_KEY = "sk-upstream-stream-42";
    private static final ObjectMapper JSON = new ObjectMapper();

    static StubOpenAiServer upstream;
    static RunningSluice sluice;

    @BeforeAll
    static void start(SharedKafka kafka) {
        upstream = new StubOpenAiServer("Bonjour en direct");
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                tenants:
                  - id: acme
                    keys:
                      - id: acme-web
                        app: web
                        secret: ${KEY}
                deployments:
                  - name: mock
                    provider: mock
                    options:
                      stream-chunk-delay-ms: "5"
                  - name: stub-openai
                    provider: openai
                    base-url: %s
                    api-key: ${UPSTREAM_KEY}
                models:
                  - name: mock-stream
                    deployment: mock
                  - name: mock-stream-error
                    deployment: mock
                  - name: gpt-4o
                    deployment: stub-openai
                    upstream-model: gpt-4o-2024-08-06
                """.formatted(SharedKafka.newPrefix("stream"), upstream.baseUrl());
        sluice = RunningSluice.start(kafka, yaml, Map.of("KEY", KEY, "UPSTREAM_KEY", UPSTREAM_KEY));
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
    void deltasArriveAsOpenAiChunksEndingWithDone() throws Exception {
        String text = "streams of tokens flow through Kafka partitions";
        Streamed response = stream("mock-stream", text, false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> data = dataLines(response.body());
        assertThat(data).last().isEqualTo("[DONE]");
        assertThat(response.endedCleanly()).isTrue();
        List<JsonNode> chunks = chunks(data);
        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("model").asText()).isEqualTo("mock-stream");
        });
        assertThat(chunks.stream().map(c -> c.get("id").asText()).distinct()).hasSize(1);
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(content(chunks)).isEqualTo(text);
        assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(chunks).noneMatch(c -> c.has("usage") && !c.get("usage").isNull());

        AiResponse recorded = responseOf(chunks.get(0).get("id").asText());
        assertThat(recorded.getChoices().get(0).getMessage().getContent()).isEqualTo(text);
        assertThat(recorded.getTimings().getFirstByteAt()).isNotNull();
    }

    @Test
    void includeUsageAddsAUsageChunkBeforeDone() throws Exception {
        Streamed response = stream("mock-stream", "count these tokens please", true);

        List<String> data = dataLines(response.body());
        assertThat(data).last().isEqualTo("[DONE]");
        List<JsonNode> chunks = chunks(data);
        JsonNode usageChunk = chunks.get(chunks.size() - 1);
        assertThat(usageChunk.get("choices")).isEmpty();
        int prompt = usageChunk.at("/usage/prompt_tokens").asInt();
        int completion = usageChunk.at("/usage/completion_tokens").asInt();
        assertThat(completion).isPositive();
        assertThat(usageChunk.at("/usage/total_tokens").asInt()).isEqualTo(prompt + completion);
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.get("usage").isNull()).isTrue());

        String id = usageChunk.get("id").asText();
        AuditEvent outcome = auditOutcomeOf(id);
        assertThat(outcome.getAction()).isEqualTo(AuditAction.RESPONDED);
        assertThat(outcome.getCompletionTokens()).isEqualTo(completion);
        assertThat(outcome.getPromptTokens()).isEqualTo(prompt);
    }

    @Test
    void aFailureAfterTheFirstChunkEndsTheStreamWithAnErrorEventNeverDone() throws Exception {
        Streamed response = stream("mock-stream-error", "this stream will break halfway", false);

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = dataLines(response.body());
        assertThat(data).doesNotContain("[DONE]");
        assertThat(response.endedCleanly()).as("a broken stream must not look finished").isFalse();
        JsonNode last = JSON.readTree(data.get(data.size() - 1));
        assertThat(last.has("error")).isTrue();
        assertThat(last.at("/error/message").asText()).isNotBlank();
        assertThat(chunks(data.subList(0, data.size() - 1))).isNotEmpty()
                .noneMatch(c -> "stop".equals(c.at("/choices/0/finish_reason").asText()));
    }

    @Test
    void officialOpenAiJavaSdkStreamsUnchanged() {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(sluice.url("/v1").toString()).apiKey(KEY).maxRetries(0).build();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder()
                        .model("mock-stream")
                        .addUserMessage("the sdk reads server sent events")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .build())) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();

            String text = chunks.stream()
                    .flatMap(c -> c.choices().stream())
                    .map(choice -> choice.delta().content().orElse(""))
                    .collect(Collectors.joining());
            assertThat(text).isEqualTo("the sdk reads server sent events");
            assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
        } finally {
            client.close();
        }
    }

    @Test
    void openAiProviderStreamsFromTheUpstreamWithExactUsage() throws Exception {
        Streamed response = stream("gpt-4o", "Bonjour", true);

        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> chunks = chunks(dataLines(response.body()));
        assertThat(content(chunks)).isEqualTo("Bonjour en direct");
        assertThat(chunks.get(chunks.size() - 1).at("/usage/total_tokens").asInt()).isEqualTo(17);

        StubOpenAiServer.Received call = upstream.received().get(upstream.received().size() - 1);
        JsonNode sent = JSON.readTree(call.body());
        assertThat(sent.get("stream").asBoolean()).isTrue();
        assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
    }

    /** The lines of an event stream as they arrived, and whether the body ended cleanly. */
    record Streamed(int statusCode, HttpHeaders headers, List<String> body, boolean endedCleanly) {}

    private static Streamed stream(String model, String text, boolean includeUsage)
            throws IOException, InterruptedException {
        String body = "{\"model\": \"" + model + "\", \"stream\": true,"
                + (includeUsage ? " \"stream_options\": {\"include_usage\": true}," : "")
                + " \"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]}";
        HttpRequest request = HttpRequest.newBuilder(sluice.url("/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = new ArrayList<>();
        boolean clean = true;
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException cutOff) {
            clean = false; // the server ended the connection inside the chunked body
        }
        return new Streamed(response.statusCode(), response.headers(), lines, clean);
    }

    private static List<String> dataLines(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("data: ")).map(l -> l.substring("data: ".length())).toList();
    }

    private static List<JsonNode> chunks(List<String> data) throws IOException {
        List<JsonNode> chunks = new ArrayList<>();
        for (String d : data) {
            if (!d.equals("[DONE]")) {
                chunks.add(JSON.readTree(d));
            }
        }
        return chunks;
    }

    private static String content(List<JsonNode> chunks) {
        return chunks.stream()
                .map(c -> c.at("/choices/0/delta/content"))
                .filter(n -> !n.isMissingNode() && !n.isNull())
                .map(JsonNode::asText)
                .collect(Collectors.joining());
    }

    private static AiResponse responseOf(String requestId) {
        var topic = sluice.runtime().topics().responses();
        List<AiResponse> found = sluice.readTopic(topic.name(), topic.valueSerde().deserializer(),
                r -> r.getRequestId().equals(requestId), l -> !l.isEmpty(), Duration.ofSeconds(20));
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static AuditEvent auditOutcomeOf(String requestId) {
        var topic = sluice.runtime().topics().audit();
        List<AuditEvent> found = sluice.readTopic(topic.name(), topic.valueSerde().deserializer(),
                e -> e.getRequestId().equals(requestId) && e.getOutcome(), l -> !l.isEmpty(), Duration.ofSeconds(20));
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
