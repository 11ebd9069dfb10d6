package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.tests.ProviderStubs.Answer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every provider type end to end through the real broker: one Sluice whose deployments are an
 * Ollama-like and a vLLM-like OpenAI server, Azure OpenAI, Anthropic, Bedrock and OCI Generative AI,
 * each a stub on loopback that speaks that provider's wire format and records what it receives.
 * Clients speak only OpenAI's chat completions, whole or streamed, with the JDK client or the
 * official OpenAI Java SDK, whichever provider answers.
 */
@ExtendWith(SharedKafkaExtension.class)
class ProvidersIT {
    static final String KEY = "sk-test-providers-0123456789";
    static final String VLLM_KEY = "token-vllm-abc123";
    static final String AZURE_KEY = "0123456789abcdef0123456789abcdef";
    static final String ANTHROPIC_KEY = "sk-ant-api03-providers-test-42";
    static final String AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String AWS_SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLEsessiontoken";
    static final String OCI_TENANCY = "ocid1.tenancy.oc1..aaaatenancy";
    static final String OCI_USER = "ocid1.user.oc1..aaaauser";
    static final String OCI_FINGERPRINT = "20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34";
    static final String COMPARTMENT = "ocid1.compartment.oc1..aaaacompartment";
    static final String BEDROCK_MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final Answer OLLAMA = new Answer("llama3.2:3b", List.of("Hello ", "from ", "Ollama"), 11, 3);
    static final Answer VLLM = new Answer("Qwen/Qwen2.5-7B-Instruct", List.of("Hello ", "from ", "vLLM"), 12, 4);
    static final Answer AZURE = new Answer("gpt-4o-2024-08-06", List.of("Hello ", "from ", "Azure"), 13, 5);
    static final Answer ANTHROPIC = new Answer("claude-sonnet-4-5-20250929", List.of("Hello ", "from ", "Claude"), 14, 6);
    static final Answer BEDROCK = new Answer(BEDROCK_MODEL, List.of("Hello ", "from ", "Bedrock"), 15, 7);
    static final Answer OCI = new Answer("meta.llama-3.3-70b-instruct", List.of("Hello ", "from ", "OCI"), 16, 8);

    static RecordingUpstream ollama;
    static RecordingUpstream vllm;
    static RecordingUpstream azure;
    static RecordingUpstream anthropic;
    static RecordingUpstream bedrock;
    static RecordingUpstream oci;
    static KeyPair ociKeys;
    static Path ociKeyFile;
    static RunningSluice sluice;

    @BeforeAll
    static void start(SharedKafka kafka) throws Exception {
        ollama = RecordingUpstream.start(ProviderStubs.openAi(OLLAMA, false));
        vllm = RecordingUpstream.start(ProviderStubs.openAi(VLLM, false));
        azure = RecordingUpstream.start(ProviderStubs.openAi(AZURE, true));
        anthropic = RecordingUpstream.start(ProviderStubs.anthropic(ANTHROPIC));
        bedrock = RecordingUpstream.start(ProviderStubs.bedrock(BEDROCK));
        oci = RecordingUpstream.start(ProviderStubs.oci(OCI));
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        ociKeys = generator.generateKeyPair();
        ociKeyFile = Files.createTempFile("oci-api-key", ".pem");
        Files.writeString(ociKeyFile, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(ociKeys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
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
                  - name: ollama-local
                    provider: openai
                    base-url: %s/v1
                  - name: vllm-gpu
                    provider: openai
                    base-url: %s/v1/
                    api-key: ${VLLM_KEY}
                  - name: azure-eu
                    provider: azure-openai
                    base-url: %s
                    api-key: ${AZURE_KEY}
                    options:
                      api-version: "2024-10-21"
                  - name: anthropic-direct
                    provider: anthropic
                    base-url: %s
                    api-key: ${ANTHROPIC_KEY}
                  - name: bedrock-us
                    provider: bedrock
                    base-url: %s
                    options:
                      aws-region: us-east-1
                    credentials:
                      access-key-id: ${AWS_ACCESS_KEY_ID}
                      secret-access-key: ${AWS_SECRET_ACCESS_KEY}
                      session-token: ${AWS_SESSION_TOKEN}
                  - name: oci-chicago
                    provider: oci-genai
                    base-url: %s
                    options:
                      compartment-id: %s
                    credentials:
                      tenancy-ocid: ${OCI_TENANCY}
                      user-ocid: ${OCI_USER}
                      fingerprint: ${OCI_FINGERPRINT}
                      private-key: ${file:%s}
                models:
                  - name: llama3.2
                    deployment: ollama-local
                    upstream-model: "llama3.2:3b"
                  - name: qwen2.5
                    deployment: vllm-gpu
                    upstream-model: Qwen/Qwen2.5-7B-Instruct
                  - name: gpt-4o
                    deployment: azure-eu
                    upstream-model: my-gpt4o
                  - name: claude-sonnet
                    deployment: anthropic-direct
                    upstream-model: claude-sonnet-4-5
                  - name: claude-haiku
                    deployment: bedrock-us
                    upstream-model: "%s"
                  - name: llama-oci
                    deployment: oci-chicago
                    upstream-model: meta.llama-3.3-70b-instruct
                """.formatted(SharedKafka.newPrefix("providers"), ollama.baseUrl(), vllm.baseUrl(), azure.baseUrl(),
                anthropic.baseUrl(), bedrock.baseUrl(), oci.baseUrl(), COMPARTMENT, ociKeyFile, BEDROCK_MODEL);
        sluice = RunningSluice.start(kafka, yaml, Map.of("KEY", KEY, "VLLM_KEY", VLLM_KEY, "AZURE_KEY", AZURE_KEY,
                "ANTHROPIC_KEY", ANTHROPIC_KEY, "AWS_ACCESS_KEY_ID", AWS_ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", AWS_SECRET,
                "AWS_SESSION_TOKEN", AWS_SESSION_TOKEN, "OCI_TENANCY", OCI_TENANCY, "OCI_USER", OCI_USER,
                "OCI_FINGERPRINT", OCI_FINGERPRINT));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
        for (RecordingUpstream upstream : new RecordingUpstream[] {ollama, vllm, azure, anthropic, bedrock, oci}) {
            if (upstream != null) {
                upstream.close();
            }
        }
        if (ociKeyFile != null) {
            Files.deleteIfExists(ociKeyFile);
        }
    }

    // --- OpenAI-compatible servers ------------------------------------------------------------

    @Test
    void ollamaAnswersThroughTheOpenAiProviderWithoutAKey() throws Exception {
        completeWhole("llama3.2", "ollama-local", OLLAMA);

        var seen = ollama.last();
        assertPosted(seen, "/v1/chat/completions", null);
        assertThat(seen.headers()).doesNotContainKey("authorization");
        assertOpenAiWireBody(seen.json(), "llama3.2:3b");
        assertThat(seen.json().path("stream").asBoolean(false)).isFalse();
    }

    @Test
    void ollamaStreamsThroughTheOpenAiProvider() throws Exception {
        completeStreamed("llama3.2", OLLAMA);

        var seen = ollama.last();
        assertPosted(seen, "/v1/chat/completions", null);
        assertThat(seen.header("accept")).isEqualTo("text/event-stream");
        assertOpenAiWireStream(seen.json(), "llama3.2:3b");
    }

    @Test
    void vllmAnswersThroughTheOpenAiProviderWithItsBearerKey() throws Exception {
        completeWhole("qwen2.5", "vllm-gpu", VLLM);

        var seen = vllm.last();
        assertPosted(seen, "/v1/chat/completions", null);
        assertThat(seen.header("authorization")).isEqualTo("Bearer " + VLLM_KEY);
        assertOpenAiWireBody(seen.json(), "Qwen/Qwen2.5-7B-Instruct");
    }

    @Test
    void vllmStreamsThroughTheOpenAiProvider() throws Exception {
        completeStreamed("qwen2.5", VLLM);

        var seen = vllm.last();
        assertPosted(seen, "/v1/chat/completions", null);
        assertThat(seen.header("authorization")).isEqualTo("Bearer " + VLLM_KEY);
        assertOpenAiWireStream(seen.json(), "Qwen/Qwen2.5-7B-Instruct");
    }

    // --- Azure OpenAI ---------------------------------------------------------------------------

    @Test
    void azureAnswersFromItsDeploymentPathWithTheApiKeyHeader() throws Exception {
        completeWhole("gpt-4o", "azure-eu", AZURE);

        var seen = azure.last();
        assertPosted(seen, "/openai/deployments/my-gpt4o/chat/completions", "api-version=2024-10-21");
        assertThat(seen.header("api-key")).isEqualTo(AZURE_KEY);
        assertThat(seen.headers()).doesNotContainKey("authorization");
        JsonNode sent = seen.json();
        assertThat(sent.has("model")).as("Azure names the deployment in the path, not the body").isFalse();
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("Say hello");
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(32);
    }

    @Test
    void azureStreamsPastItsContentFilterAnnotation() throws Exception {
        completeStreamed("gpt-4o", AZURE);

        var seen = azure.last();
        assertPosted(seen, "/openai/deployments/my-gpt4o/chat/completions", "api-version=2024-10-21");
        assertThat(seen.header("api-key")).isEqualTo(AZURE_KEY);
        assertThat(seen.json().get("stream").asBoolean()).isTrue();
        assertThat(seen.json().at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    // --- Anthropic ------------------------------------------------------------------------------

    @Test
    void anthropicAnswersFromTheMessagesApi() throws Exception {
        completeWhole("claude-sonnet", "anthropic-direct", ANTHROPIC);

        var seen = anthropic.last();
        assertPosted(seen, "/v1/messages", null);
        assertAnthropicHeaders(seen);
        assertThat(seen.header("accept")).isEqualTo("application/json");
        JsonNode sent = seen.json();
        assertThat(sent.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.get("system").asText()).isEqualTo("You are terse.");
        assertThat(sent.get("messages")).hasSize(1);
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Say hello");
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(32);
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.5);
        assertThat(sent.get("stream").asBoolean()).isFalse();
    }

    @Test
    void anthropicStreamsItsNamedEventsAsOpenAiChunks() throws Exception {
        completeStreamed("claude-sonnet", ANTHROPIC);

        var seen = anthropic.last();
        assertPosted(seen, "/v1/messages", null);
        assertAnthropicHeaders(seen);
        assertThat(seen.header("accept")).isEqualTo("text/event-stream");
        assertThat(seen.json().get("stream").asBoolean()).isTrue();
    }

    // --- Bedrock --------------------------------------------------------------------------------

    @Test
    void bedrockAnswersFromConverseWithASigV4SignedRequest() throws Exception {
        completeWhole("claude-haiku", "bedrock-us", BEDROCK);

        var seen = bedrock.last();
        assertPosted(seen, "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", null);
        assertThat(seen.header("accept")).isEqualTo("application/json");
        assertBedrockSigned(seen);
        JsonNode sent = seen.json();
        assertThat(sent.at("/system/0/text").asText()).isEqualTo("You are terse.");
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(sent.at("/messages/0/content/0/text").asText()).isEqualTo("Say hello");
        assertThat(sent.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(32);
        assertThat(sent.at("/inferenceConfig/temperature").asDouble()).isEqualTo(0.5);
    }

    @Test
    void bedrockStreamsItsBinaryEventStreamAsOpenAiChunks() throws Exception {
        completeStreamed("claude-haiku", BEDROCK);

        var seen = bedrock.last();
        assertPosted(seen, "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream", null);
        assertThat(seen.header("accept")).isEqualTo("application/vnd.amazon.eventstream");
        assertBedrockSigned(seen);
        assertThat(seen.json().at("/messages/0/content/0/text").asText()).isEqualTo("Say hello");
    }

    // --- OCI Generative AI ----------------------------------------------------------------------

    @Test
    void ociAnswersFromTheChatActionWithAnOciSignedRequest() throws Exception {
        completeWhole("llama-oci", "oci-chicago", OCI);

        var seen = oci.last();
        assertPosted(seen, "/20231130/actions/chat", null);
        assertThat(seen.header("accept")).isEqualTo("application/json");
        assertOciSigned(seen);
        JsonNode sent = seen.json();
        assertThat(sent.get("compartmentId").asText()).isEqualTo(COMPARTMENT);
        assertThat(sent.at("/servingMode/servingType").asText()).isEqualTo("ON_DEMAND");
        assertThat(sent.at("/servingMode/modelId").asText()).isEqualTo("meta.llama-3.3-70b-instruct");
        assertThat(sent.at("/chatRequest/apiFormat").asText()).isEqualTo("GENERIC");
        assertThat(sent.at("/chatRequest/messages/0/role").asText()).isEqualTo("SYSTEM");
        assertThat(sent.at("/chatRequest/messages/1/role").asText()).isEqualTo("USER");
        assertThat(sent.at("/chatRequest/messages/1/content/0/text").asText()).isEqualTo("Say hello");
        assertThat(sent.at("/chatRequest/maxTokens").asInt()).isEqualTo(32);
        assertThat(sent.at("/chatRequest/isStream").asBoolean()).isFalse();
    }

    @Test
    void ociStreamsItsEventsWithUsageAsOpenAiChunks() throws Exception {
        completeStreamed("llama-oci", OCI);

        var seen = oci.last();
        assertPosted(seen, "/20231130/actions/chat", null);
        assertThat(seen.header("accept")).isEqualTo("text/event-stream");
        assertOciSigned(seen);
        assertThat(seen.json().at("/chatRequest/isStream").asBoolean()).isTrue();
        assertThat(seen.json().at("/chatRequest/streamOptions/isIncludeUsage").asBoolean()).isTrue();
    }

    // --- across providers -------------------------------------------------------------------------

    @Test
    void theOfficialOpenAiSdkNeedsNoChangeForAnthropicOrBedrock() {
        OpenAIClient client = OpenAIOkHttpClient.builder()
                .baseUrl(sluice.url("/v1").toString()).apiKey(KEY).maxRetries(0).build();
        try {
            ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("claude-sonnet")
                    .addSystemMessage("You are terse.")
                    .addUserMessage("Say hello")
                    .maxCompletionTokens(32)
                    .build());

            assertThat(completion.model()).isEqualTo("claude-sonnet");
            assertThat(completion.choices()).singleElement().satisfies(choice -> {
                assertThat(choice.message().content()).contains(ANTHROPIC.text());
                assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
            });
            assertThat(completion.usage()).hasValueSatisfying(usage -> {
                assertThat(usage.promptTokens()).isEqualTo(ANTHROPIC.promptTokens());
                assertThat(usage.completionTokens()).isEqualTo(ANTHROPIC.completionTokens());
            });
            assertThat(anthropic.last().header("x-api-key")).isEqualTo(ANTHROPIC_KEY);

            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                    ChatCompletionCreateParams.builder()
                            .model("claude-haiku")
                            .addUserMessage("Say hello")
                            .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                            .build())) {
                List<ChatCompletionChunk> chunks = stream.stream().toList();
                assertThat(chunks.stream().flatMap(c -> c.choices().stream())
                        .map(c -> c.delta().content().orElse("")).collect(Collectors.joining()))
                        .isEqualTo(BEDROCK.text());
                assertThat(chunks.get(chunks.size() - 1).usage())
                        .hasValueSatisfying(usage -> assertThat(usage.totalTokens()).isEqualTo(BEDROCK.totalTokens()));
            }
        } finally {
            client.close();
        }
    }

    @Test
    void everyProviderAnswerIsAuditedAsRespondedNamingItsProviderAndDeployment() throws Exception {
        var expected = new LinkedHashMap<String, List<String>>(); // request id -> provider, deployment, answer
        var models = Map.of("llama3.2", List.of("openai", "ollama-local"), "qwen2.5", List.of("openai", "vllm-gpu"),
                "gpt-4o", List.of("azure-openai", "azure-eu"), "claude-sonnet", List.of("anthropic", "anthropic-direct"),
                "claude-haiku", List.of("bedrock", "bedrock-us"), "llama-oci", List.of("oci-genai", "oci-chicago"));
        var tokens = new LinkedHashMap<String, Integer>();
        for (var model : models.entrySet()) {
            HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json", request(model.getKey()));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            expected.put(body.get("id").asText(), model.getValue());
            tokens.put(body.get("id").asText(), body.at("/usage/completion_tokens").asInt());
        }

        var topic = sluice.runtime().topics().audit();
        List<AuditEvent> outcomes = sluice.readTopic(topic.name(), topic.valueSerde().deserializer(),
                e -> expected.containsKey(e.getRequestId()) && e.getOutcome(), l -> l.size() >= expected.size(),
                Duration.ofSeconds(30));

        assertThat(outcomes).hasSize(expected.size());
        assertThat(outcomes).allSatisfy(event -> {
            List<String> providerAndDeployment = expected.get(event.getRequestId());
            assertThat(event.getAction()).isEqualTo(AuditAction.RESPONDED);
            assertThat(event.getProvider()).isEqualTo(providerAndDeployment.get(0));
            assertThat(event.getDeployment()).isEqualTo(providerAndDeployment.get(1));
            assertThat(event.getHttpStatus()).isEqualTo(200);
            assertThat(event.getCompletionTokens()).isEqualTo(tokens.get(event.getRequestId()));
            assertThat(event.toString()).doesNotContain(VLLM_KEY, AZURE_KEY, ANTHROPIC_KEY, AWS_SECRET,
                    AWS_SESSION_TOKEN, "Say hello");
        });
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static String request(String model) {
        return "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"system\", \"content\": \"You are terse.\"},"
                + " {\"role\": \"user\", \"content\": \"Say hello\"}], \"max_tokens\": 32, \"temperature\": 0.5}";
    }

    /** Asks {@code model} for a whole answer and checks it is {@code answer} in OpenAI's shape. */
    private static JsonNode completeWhole(String model, String deployment, Answer answer) throws Exception {
        HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json", request(model));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-sluice-deployment")).contains(deployment);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("model").asText()).isEqualTo(model);
        assertThat(response.headers().firstValue("x-request-id")).contains(body.get("id").asText());
        assertThat(body.get("choices")).hasSize(1);
        assertThat(body.at("/choices/0/index").asInt()).isZero();
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo(answer.text());
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(answer.promptTokens());
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(answer.completionTokens());
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(answer.totalTokens());
        return body;
    }

    /** Asks {@code model} for a stream with usage and checks the chunks, the usage chunk and {@code [DONE]}. */
    private static void completeStreamed(String model, Answer answer) {
        SseReply reply = SseReply.post(sluice.url("/v1/chat/completions"), KEY, "{\"model\": \"" + model
                + "\", \"stream\": true, \"stream_options\": {\"include_usage\": true}, \"messages\": ["
                + "{\"role\": \"system\", \"content\": \"You are terse.\"}, {\"role\": \"user\", \"content\": \"Say hello\"}],"
                + " \"max_tokens\": 32}");

        assertThat(reply.statusCode()).as(String.join("\n", reply.lines())).isEqualTo(200);
        assertThat(reply.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(reply.endedCleanly()).isTrue();
        assertThat(reply.data()).last().isEqualTo("[DONE]");
        List<JsonNode> chunks = reply.chunks();
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(c.get("model").asText()).isEqualTo(model);
        });
        assertThat(chunks.stream().map(c -> c.get("id").asText()).distinct()).hasSize(1);
        assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(reply.content()).isEqualTo(answer.text());
        assertThat(chunks.stream().filter(c -> c.at("/choices/0/delta/content").isTextual()).count())
                .as("the answer arrives in pieces").isGreaterThanOrEqualTo(answer.pieces().size());
        JsonNode usageChunk = chunks.get(chunks.size() - 1);
        List<JsonNode> beforeUsage = new ArrayList<>(chunks.subList(0, chunks.size() - 1));
        assertThat(beforeUsage.get(beforeUsage.size() - 1).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(beforeUsage).allSatisfy(c -> assertThat(c.get("usage") == null || c.get("usage").isNull()).isTrue());
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(usageChunk.at("/usage/prompt_tokens").asInt()).isEqualTo(answer.promptTokens());
        assertThat(usageChunk.at("/usage/completion_tokens").asInt()).isEqualTo(answer.completionTokens());
        assertThat(usageChunk.at("/usage/total_tokens").asInt()).isEqualTo(answer.totalTokens());
    }

    private static void assertPosted(RecordingUpstream.Received seen, String path, String query) {
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo(path);
        assertThat(seen.rawQuery()).isEqualTo(query);
        assertThat(seen.header("content-type")).startsWith("application/json");
        assertThat(seen.bodyText()).doesNotContain(KEY);
        assertThat(seen.headers().values().toString()).doesNotContain(KEY);
    }

    private static void assertOpenAiWireBody(JsonNode sent, String upstreamModel) {
        assertThat(sent.get("model").asText()).isEqualTo(upstreamModel);
        assertThat(sent.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("You are terse.");
        assertThat(sent.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("Say hello");
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(32);
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.5);
    }

    private static void assertOpenAiWireStream(JsonNode sent, String upstreamModel) {
        assertThat(sent.get("model").asText()).isEqualTo(upstreamModel);
        assertThat(sent.at("/messages/1/content").asText()).isEqualTo("Say hello");
        assertThat(sent.get("stream").asBoolean()).isTrue();
        assertThat(sent.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    private static void assertAnthropicHeaders(RecordingUpstream.Received seen) {
        assertThat(seen.header("x-api-key")).isEqualTo(ANTHROPIC_KEY);
        assertThat(seen.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(seen.headers()).doesNotContainKey("authorization");
    }

    private static void assertBedrockSigned(RecordingUpstream.Received seen) {
        assertThat(seen.header("host")).isEqualTo("127.0.0.1:" + bedrock.port());
        assertThat(seen.header("x-amz-security-token")).isEqualTo(AWS_SESSION_TOKEN);
        UpstreamSignatures.assertSigV4(seen, AWS_ACCESS_KEY_ID, AWS_SECRET, "us-east-1", "bedrock");
    }

    private static void assertOciSigned(RecordingUpstream.Received seen) throws Exception {
        assertThat(seen.header("host")).isEqualTo("127.0.0.1:" + oci.port());
        UpstreamSignatures.assertOciSigned(seen, OCI_TENANCY + "/" + OCI_USER + "/" + OCI_FINGERPRINT, ociKeys.getPublic());
    }
}
