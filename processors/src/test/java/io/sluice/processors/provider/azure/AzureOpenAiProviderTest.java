package io.sluice.processors.provider.azure;

import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.Providers;
import io.sluice.processors.provider.RecordingSink;
import io.sluice.processors.provider.StubUpstream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Azure OpenAI provider against a stub resource endpoint on loopback. */
class AzureOpenAiProviderTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final String COMPLETION = """
            {"id":"chatcmpl-A1","object":"chat.completion","created":1729000000,"model":"gpt-4o-2024-08-06",
             "prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}],
             "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hello there."},
               "content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}],
             "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""";
    private static final String CHUNK = "{\"id\":\"chatcmpl-A2\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1729000000,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_1\",";
    /** As Azure streams: a content-filter annotation with a blank model first, then OpenAI's chunks. */
    private static final List<String> STREAM = List.of(
            "data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\",\"prompt_filter_results\":"
                    + "[{\"prompt_index\":0,\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}}}]}\n\n",
            "data: " + CHUNK + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                    + "\"finish_reason\":null,\"content_filter_results\":{}}],\"usage\":null}\n\n",
            "data: " + CHUNK + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}],"
                    + "\"usage\":null}\n\n",
            "data: " + CHUNK + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there.\"},\"finish_reason\":null}],"
                    + "\"usage\":null}\n\n",
            "data: " + CHUNK + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n",
            "data: " + CHUNK + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}\n\n",
            "data: [DONE]\n\n");

    private StubUpstream upstream;
    private ProviderContext context;

    @BeforeEach
    void start() throws Exception {
        upstream = StubUpstream.start();
        context = ProviderContext.create(Clock.systemUTC(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        upstream.close();
        context.close();
    }

    private DeploymentSettings deployment(Map<String, String> extraOptions, Duration timeout) {
        var options = new HashMap<String, String>();
        options.put("api-version", "2024-10-21");
        options.putAll(extraOptions);
        return new DeploymentSettings("azure-eu", AzureOpenAiProviderFactory.TYPE, URI.create(upstream.baseUrl() + "/"),
                KEY, "westeurope", timeout, options);
    }

    private ProviderCall call(DeploymentSettings settings, String deploymentId) {
        var params = SamplingParams.newBuilder().setTemperature(0.0).setMaxTokens(16).build();
        return new ProviderCall(request("r1", "Say hello").setParams(params).build(), deploymentId, settings);
    }

    private ProviderResult complete(DeploymentSettings settings) throws Exception {
        try (Provider provider = new AzureOpenAiProviderFactory().create(settings, context)) {
            return provider.complete(call(settings, "my-gpt4o")).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void postsToTheDeploymentWithTheApiVersionAndTheApiKeyHeaderAndNoModelInTheBody() throws Exception {
        upstream.thenJson(200, COMPLETION);

        var result = complete(deployment(Map.of(), null));

        var seen = upstream.take();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/openai/deployments/my-gpt4o/chat/completions");
        assertThat(seen.rawQuery()).isEqualTo("api-version=2024-10-21");
        assertThat(seen.header("api-key")).isEqualTo(KEY);
        assertThat(seen.header("authorization")).isNull();
        assertThat(seen.header("content-type")).isEqualTo("application/json");
        assertThat(seen.bodyText()).isEqualTo("{\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":\"Say hello\"}],"
                + "\"temperature\":0.0,\"max_tokens\":16,\"stream\":false}");
        assertThat(result).isInstanceOfSatisfying(Completion.class, completion -> {
            assertThat(completion.providerResponseId()).isEqualTo("chatcmpl-A1");
            assertThat(completion.responseModel()).isEqualTo("gpt-4o-2024-08-06");
            assertThat(completion.choices().get(0).getMessage().getContent()).isEqualTo("Hello there.");
            assertThat(completion.choices().get(0).getFinishReason()).isEqualTo("stop");
            assertThat(completion.usage().getTotalTokens()).isEqualTo(12);
        });
    }

    @Test
    void bearerAuthSendsTheEntraTokenAsAuthorizationAndNoApiKeyHeader() throws Exception {
        upstream.thenJson(200, COMPLETION);

        complete(deployment(Map.of("auth", "bearer"), null));

        var seen = upstream.take();
        assertThat(seen.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(seen.header("api-key")).isNull();
    }

    @Test
    void theDeploymentIdIsOnePercentEncodedPathSegment() throws Exception {
        upstream.thenJson(200, COMPLETION);
        var settings = deployment(Map.of("api-version", "2024-10-01-preview"), null);

        try (Provider provider = new AzureOpenAiProviderFactory().create(settings, context)) {
            provider.complete(call(settings, "team a/gpt?4o")).get(30, TimeUnit.SECONDS);
        }

        var seen = upstream.take();
        assertThat(seen.path()).isEqualTo("/openai/deployments/team%20a%2Fgpt%3F4o/chat/completions");
        assertThat(seen.rawQuery()).isEqualTo("api-version=2024-10-01-preview");
    }

    @Test
    void streamsWithUsageAndIgnoresTheBlankModelOfTheContentFilterAnnotation() throws Exception {
        upstream.thenEvents(STREAM, 5);
        var settings = deployment(Map.of(), null);
        var sink = new RecordingSink();

        ProviderResult result;
        try (Provider provider = new AzureOpenAiProviderFactory().create(settings, context)) {
            result = provider.stream(call(settings, "my-gpt4o"), sink).get(30, TimeUnit.SECONDS);
        }

        var seen = upstream.take();
        assertThat(seen.path()).isEqualTo("/openai/deployments/my-gpt4o/chat/completions");
        assertThat(seen.rawQuery()).isEqualTo("api-version=2024-10-21");
        assertThat(seen.header("accept")).isEqualTo("text/event-stream");
        assertThat(seen.bodyText()).doesNotContain("\"model\"")
                .endsWith("\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        assertThat(sink.events).containsExactly("model:gpt-4o-2024-08-06", "Hello", " there.");
        assertThat(result).isInstanceOfSatisfying(Completion.class, completion -> {
            assertThat(completion.responseModel()).isEqualTo("gpt-4o-2024-08-06");
            assertThat(completion.providerResponseId()).isEqualTo("chatcmpl-A2");
            assertThat(completion.choices().get(0).getMessage().getContent()).isEqualTo("Hello there.");
            assertThat(completion.usage().getTotalTokens()).isEqualTo(11);
        });
    }

    @Test
    void aFilteredAnswerKeepsFinishReasonContentFilter() throws Exception {
        upstream.thenJson(200, """
                {"id":"chatcmpl-A3","object":"chat.completion","model":"gpt-4o-2024-08-06",
                 "choices":[{"index":0,"finish_reason":"content_filter","message":{"role":"assistant","content":null},
                   "content_filter_results":{"violence":{"filtered":true,"severity":"high"}}}],
                 "usage":{"prompt_tokens":9,"completion_tokens":0,"total_tokens":9}}""");

        var completion = (Completion) complete(deployment(Map.of(), null));

        assertThat(completion.choices().get(0).getFinishReason()).isEqualTo("content_filter");
        assertThat(completion.choices().get(0).getMessage().getContent()).isEmpty();
    }

    @Test
    void aFilteredPromptIsAnInvalidRequestWithCodeContentFilterAndNotRetried() throws Exception {
        upstream.thenJson(400, """
                {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
                 "type":null,"param":"prompt","code":"content_filter","status":400,
                 "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":true,"severity":"high"}}}}}""");

        var error = (ProviderError) complete(deployment(Map.of(), null));

        assertThat(error).extracting(ProviderError::provider, ProviderError::httpStatus, ProviderError::type,
                        ProviderError::code, ProviderError::retryable)
                .containsExactly("azure-openai", 400, "invalid_request_error", "content_filter", false);
    }

    @Test
    void rateLimitIsRetryableAfterRetryAfterAndTheKeyNeverShows() throws Exception {
        upstream.then(429, Map.of("Content-Type", "application/json", "Retry-After", "7"), ("{\"error\":{\"code\":\"429\","
                + "\"message\":\"Requests to the ChatCompletions_Create Operation have exceeded the rate limit for key "
                + KEY + ". Please retry after 7 seconds.\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        var error = (ProviderError) complete(deployment(Map.of(), null));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable,
                        ProviderError::retryAfter)
                .containsExactly(429, "rate_limit_exceeded", true, Duration.ofSeconds(7));
        assertThat(error.message()).startsWith("upstream returned HTTP 429: Requests to the").doesNotContain(KEY);
    }

    @Test
    void anErrorStatusBeforeAStreamIsMappedLikeAnUnstreamedOne() throws Exception {
        upstream.thenJson(401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key.\"}}");
        var settings = deployment(Map.of(), null);
        var sink = new RecordingSink();

        ProviderResult result;
        try (Provider provider = new AzureOpenAiProviderFactory().create(settings, context)) {
            result = provider.stream(call(settings, "my-gpt4o"), sink).get(30, TimeUnit.SECONDS);
        }

        assertThat(result).isInstanceOfSatisfying(ProviderError.class, error ->
                assertThat(error).extracting(ProviderError::provider, ProviderError::httpStatus, ProviderError::retryable)
                        .containsExactly("azure-openai", 401, false));
        assertThat(sink.events).isEmpty();
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeout() throws Exception {
        // nothing queued: the stub holds the request open

        var error = (ProviderError) complete(deployment(Map.of(), Duration.ofMillis(300)));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(504, "timeout", true);
    }

    @Test
    void configurationErrorsNameTheKey() {
        var factory = new AzureOpenAiProviderFactory();
        URI base = URI.create("https://example.openai.azure.com");

        assertThatThrownBy(() -> factory.create(new DeploymentSettings("az", "azure-openai", base, KEY, null, null,
                Map.of()), context)).hasMessageStartingWith("deployments[name=az].options.api-version is required");
        assertThatThrownBy(() -> factory.create(new DeploymentSettings("az", "azure-openai", base, null, null, null,
                Map.of("api-version", "2024-10-21")), context))
                .hasMessage("deployments[name=az].api-key is required for provider azure-openai");
        assertThatThrownBy(() -> factory.create(new DeploymentSettings("az", "azure-openai", base, KEY, null, null,
                Map.of("api-version", "2024-10-21", "auth", "basic")), context))
                .hasMessage("deployments[name=az].options.auth must be api-key or bearer");
        assertThatThrownBy(() -> factory.create(new DeploymentSettings("az", "azure-openai", null, KEY, null, null,
                Map.of("api-version", "2024-10-21")), context))
                .hasMessage("deployments[name=az].base-url is required for provider azure-openai");
    }

    @Test
    void theTypeIsRegisteredForServiceLoading() {
        var settings = deployment(Map.of(), null);

        try (var providers = Providers.load(List.of(settings), context)) {
            assertThat(providers.settings("azure-eu")).contains(settings);
        }
    }
}
