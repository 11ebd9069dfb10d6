package io.sluice.processors.provider.anthropic;

import static io.sluice.processors.provider.TestRequests.message;
import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiRequest;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.StubUpstream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider against a stub Messages API on loopback, answered whole. */
class AnthropicProviderTest {
    static final String KEY = "sk-ant-api03-test-0123456789";

    private StubUpstream stub;
    private ProviderContext context;

    @BeforeEach
    void start() throws Exception {
        stub = StubUpstream.start();
        context = ProviderContext.create(Clock.systemUTC(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        stub.close();
        context.close();
    }

    static DeploymentSettings deployment(String baseUrl, Duration timeout, Map<String, String> options) {
        return new DeploymentSettings("anthropic-eu", "anthropic", URI.create(baseUrl), KEY, "eu", timeout, options);
    }

    private ProviderResult call(DeploymentSettings settings, AiRequest request) throws Exception {
        try (Provider provider = new AnthropicProviderFactory().create(settings, context)) {
            return provider.complete(new ProviderCall(request, "claude-sonnet-4-5", settings)).get(30, TimeUnit.SECONDS);
        }
    }

    private ProviderResult call(DeploymentSettings settings) throws Exception {
        var params = SamplingParams.newBuilder().setTemperature(0.0).setMaxTokens(16).build();
        return call(settings, request("r1", "Say hello").setParams(params).setUser("u-1").build());
    }

    @Test
    void postsTheExactWireRequestAndParsesTheAnswer() throws Exception {
        stub.thenJson(200, AnthropicResponsesTest.MESSAGE);

        var result = call(deployment(stub.baseUrl() + "/", null, null));

        var seen = stub.take();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.rawQuery()).isNull();
        assertThat(seen.header("x-api-key")).isEqualTo(KEY);
        assertThat(seen.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(seen.header("content-type")).isEqualTo("application/json");
        assertThat(seen.header("accept")).isEqualTo("application/json");
        assertThat(seen.headers()).doesNotContainKeys("anthropic-beta", "authorization");
        assertThat(seen.body()).isEqualTo(("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
                + "\"system\":\"You are terse.\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],"
                + "\"temperature\":0.0,\"metadata\":{\"user_id\":\"u-1\"},\"stream\":false}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOfSatisfying(Completion.class, completion -> {
            assertThat(completion.providerResponseId()).isEqualTo("msg_013Zva2CMHLNnXjNJJKqJ2EF");
            assertThat(completion.responseModel()).isEqualTo("claude-3-7-sonnet-20250219");
            assertThat(completion.choices().get(0).getMessage().getContent()).isEqualTo("Hi! My name is Claude.");
            assertThat(completion.choices().get(0).getFinishReason()).isEqualTo("stop");
            assertThat(completion.usage().getTotalTokens()).isEqualTo(2598);
        });
    }

    @Test
    void optionsSetTheVersionTheBetaHeaderAndTheDefaultMaxTokens() throws Exception {
        stub.thenJson(200, AnthropicResponsesTest.MESSAGE);

        call(deployment(stub.baseUrl(), null, Map.of("anthropic-version", "2024-01-01",
                "anthropic-beta", "prompt-caching-2024-07-31,output-128k-2025-02-19", "default-max-tokens", "512")),
                request("r1", "Say hello").build());

        var seen = stub.take();
        assertThat(seen.header("anthropic-version")).isEqualTo("2024-01-01");
        assertThat(seen.header("anthropic-beta")).isEqualTo("prompt-caching-2024-07-31,output-128k-2025-02-19");
        assertThat(seen.bodyText()).contains("\"max_tokens\":512,");
    }

    @Test
    void aRequestAnthropicCannotExpressIsRefusedWithoutACall() throws Exception {
        var request = request("r1", "x").setMessages(List.of(message(Role.USER, "Weather?"),
                message(Role.TOOL, "{\"temp\":21}"))).build();

        var error = (ProviderError) call(deployment(stub.baseUrl(), null, null), request);

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::code,
                        ProviderError::retryable)
                .containsExactly(400, "invalid_request_error", "invalid_messages", false);
        assertThat(error.message()).contains("messages[1]", "tool");
        assertThat(stub.pending()).isZero();
    }

    @Test
    void aRateLimitIsRetryableAfterRetryAfter() throws Exception {
        stub.then(429, Map.of("Content-Type", "application/json", "retry-after", "7"),
                ("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limited\"},"
                        + "\"request_id\":\"req_1\"}").getBytes(StandardCharsets.UTF_8));

        var error = (ProviderError) call(deployment(stub.baseUrl(), null, null));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::code,
                        ProviderError::retryable, ProviderError::retryAfter, ProviderError::message)
                .containsExactly(429, "rate_limit_exceeded", "rate_limit_error", true, Duration.ofSeconds(7),
                        "upstream returned HTTP 429: Rate limited");
    }

    @Test
    void anOverloadIsRetryable() throws Exception {
        stub.thenJson(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");

        var error = (ProviderError) call(deployment(stub.baseUrl(), null, null));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::code, ProviderError::retryable)
                .containsExactly(529, "overloaded_error", true);
    }

    @Test
    void aBadRequestIsNotRetryableAndNeverEchoesTheKey() throws Exception {
        stub.thenJson(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"max_tokens: 16 > 8192 for key " + KEY + "\"}}");

        var error = (ProviderError) call(deployment(stub.baseUrl(), null, null));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::retryable).containsExactly(400, false);
        assertThat(error.message()).startsWith("upstream returned HTTP 400: max_tokens").doesNotContain(KEY);
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        stub.then(307, Map.of("Location", stub.baseUrl() + "/elsewhere"), new byte[0]);
        stub.thenJson(200, AnthropicResponsesTest.MESSAGE);

        var error = (ProviderError) call(deployment(stub.baseUrl(), null, null));

        assertThat(error.httpStatus()).isEqualTo(502);
        stub.take();
        assertThat(stub.pending()).isZero();
    }

    @Test
    void aRefusedConnectionIsARetryableUpstreamErrorWithoutTheKey() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        var error = (ProviderError) call(deployment("http://127.0.0.1:" + closedPort, null, null));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
        assertThat(error.message()).doesNotContain(KEY);
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeout() throws Exception {
        // nothing queued: the stub holds the request open

        var error = (ProviderError) call(deployment(stub.baseUrl(), Duration.ofMillis(300), null));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(504, "timeout", true);
    }
}
