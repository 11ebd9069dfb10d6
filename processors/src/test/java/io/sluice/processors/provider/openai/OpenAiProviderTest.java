package io.sluice.processors.provider.openai;

import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider against a stub OpenAI server on loopback. */
class OpenAiProviderTest {
    private static final String KEY = "sk-test-0123456789";
    private static final String COMPLETION = """
            {"id":"chatcmpl-123","object":"chat.completion","created":1677652288,"model":"gpt-4o-mini-2024-07-18",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""";

    private record Seen(String method, String path, Map<String, List<String>> headers, String body) {}

    private record Answer(int status, Map<String, String> headers, String body) {}

    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private ProviderContext context;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        context = ProviderContext.create(Clock.systemUTC(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        context.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        Answer answer = answers.poll();
        if (answer == null) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private DeploymentSettings deployment(String baseUrl, String apiKey, Duration timeout) {
        return new DeploymentSettings("openai-local", "openai", URI.create(baseUrl), apiKey, "local", timeout, null);
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private ProviderResult call(DeploymentSettings settings) throws Exception {
        var params = SamplingParams.newBuilder().setTemperature(0.0).setMaxTokens(16).build();
        var request = request("r1", "Say hello").setParams(params).setUser("u-1").build();
        try (Provider provider = new OpenAiProviderFactory().create(settings, context)) {
            return provider.complete(new ProviderCall(request, "gpt-4o-mini", settings)).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void postsTheExactWireRequestAndParsesTheAnswer() throws Exception {
        answers.add(new Answer(200, Map.of(), COMPLETION));

        var result = call(deployment(baseUrl() + "/", KEY, null));

        Seen request = seen.poll(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.headers().get("Authorization")).containsExactly("Bearer " + KEY);
        assertThat(request.headers().get("Content-type")).containsExactly("application/json");
        assertThat(request.body()).isEqualTo("{\"model\":\"gpt-4o-mini\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":\"Say hello\"}],"
                + "\"temperature\":0.0,\"max_tokens\":16,\"user\":\"u-1\",\"stream\":false}");
        assertThat(result).isInstanceOfSatisfying(Completion.class, completion -> {
            assertThat(completion.providerResponseId()).isEqualTo("chatcmpl-123");
            assertThat(completion.responseModel()).isEqualTo("gpt-4o-mini-2024-07-18");
            assertThat(completion.choices().get(0).getMessage().getContent()).isEqualTo("Hello there.");
            assertThat(completion.usage().getTotalTokens()).isEqualTo(12);
        });
    }

    @Test
    void withoutAnApiKeyNoAuthorizationIsSent() throws Exception {
        answers.add(new Answer(200, Map.of(), COMPLETION));

        call(deployment(baseUrl(), null, null));

        assertThat(seen.poll(5, TimeUnit.SECONDS).headers()).doesNotContainKey("Authorization");
    }

    @Test
    void serverErrorIsRetryable() throws Exception {
        answers.add(new Answer(500, Map.of(),
                "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}"));

        var error = (ProviderError) call(deployment(baseUrl(), KEY, null));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::retryable, ProviderError::message)
                .containsExactly(500, true, "upstream returned HTTP 500: The server had an error");
    }

    @Test
    void rateLimitHonoursRetryAfter() throws Exception {
        answers.add(new Answer(429, Map.of("Retry-After", "7"),
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"));

        var error = (ProviderError) call(deployment(baseUrl(), KEY, null));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::retryable, ProviderError::retryAfter)
                .containsExactly(429, true, Duration.ofSeconds(7));
    }

    @Test
    void redirectIsNotFollowed() throws Exception {
        answers.add(new Answer(307, Map.of("Location", baseUrl() + "/elsewhere"), ""));
        answers.add(new Answer(200, Map.of(), COMPLETION));

        var error = (ProviderError) call(deployment(baseUrl(), KEY, null));

        assertThat(error.httpStatus()).isEqualTo(502);
        assertThat(seen).hasSize(1);
    }

    @Test
    void refusedConnectionIsARetryableUpstreamError() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        var error = (ProviderError) call(deployment("http://127.0.0.1:" + closedPort + "/v1", KEY, null));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
        assertThat(error.message()).doesNotContain(KEY);
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeout() throws Exception {
        // no answer queued: the stub holds the request open

        var error = (ProviderError) call(deployment(baseUrl(), KEY, Duration.ofMillis(300)));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(504, "timeout", true);
    }
}
