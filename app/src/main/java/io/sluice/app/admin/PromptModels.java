package io.sluice.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.Providers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The models {@code sluice prompts test} can send prompts to: the built-in mock offline, or a running Sluice. */
final class PromptModels {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private PromptModels() {}

    /**
     * The built-in mock provider, in this process: no network, deterministic. {@code mock-echo}
     * answers with the last user message, or the system prompt when the test has none, so
     * assertions check what was rendered; other mock models behave as in the gateway.
     */
    static Mock mock(String model) {
        var deployment = new DeploymentSettings("prompts-test", "mock", null, null, null, TIMEOUT, null);
        return new Mock(Providers.load(List.of(deployment), ProviderContext.create(Clock.systemUTC())), deployment,
                model);
    }

    /** The mock, closed with the providers it loaded. */
    static final class Mock implements PromptTester.Model, AutoCloseable {
        private final Providers providers;
        private final DeploymentSettings deployment;
        private final String model;
        private int calls;

        private Mock(Providers providers, DeploymentSettings deployment, String model) {
            this.providers = providers;
            this.deployment = deployment;
            this.model = model;
        }

        @Override
        public PromptTester.Answer ask(List<ChatMessage> messages) throws Exception {
            AiRequest request = AiRequest.newBuilder().setRequestId("prompts-test-" + (++calls)).setTenantId("local")
                    .setModel(model).setMessages(messages).setParams(SamplingParams.newBuilder().build())
                    .setReceivedAt(Instant.now()).build();
            Provider provider = providers.find(deployment.name()).orElseThrow();
            ProviderResult result = provider.complete(new ProviderCall(request, model, deployment))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (result instanceof ProviderResult.ProviderError error) {
                throw new IllegalStateException(error.httpStatus() + " " + error.message());
            }
            var completion = (ProviderResult.Completion) result;
            String text = completion.choices().isEmpty() ? "" : completion.choices().get(0).getMessage().getContent();
            return new PromptTester.Answer(text, completion.usage() == null ? 0
                    : completion.usage().getCompletionTokens());
        }

        @Override
        public void close() {
            providers.close();
        }
    }

    /** A running Sluice's {@code /v1/chat/completions}, with an API key. */
    static PromptTester.Model remote(URI base, String apiKey, String model) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return messages -> {
            ObjectNode body = JSON.createObjectNode().put("model", model);
            ArrayNode sent = body.putArray("messages");
            for (ChatMessage message : messages) {
                sent.addObject().put("role", message.getRole().name().toLowerCase(Locale.ROOT))
                        .put("content", message.getContent());
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                    .timeout(TIMEOUT).header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " " + answer.at("/error/message").asText());
            }
            return new PromptTester.Answer(answer.at("/choices/0/message/content").asText(),
                    answer.at("/usage/completion_tokens").asInt());
        };
    }
}
