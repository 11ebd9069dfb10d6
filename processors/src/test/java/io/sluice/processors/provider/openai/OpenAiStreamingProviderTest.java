package io.sluice.processors.provider.openai;

import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.StreamSink;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider streaming from a stub OpenAI server on loopback that writes its events one flush at a time. */
class OpenAiStreamingProviderTest {
    private static final String KEY = "sk-test-0123456789";

    /** What the stub does with one request. */
    private interface Script {
        void run(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final AtomicReference<String> requestBody = new AtomicReference<>();
    private final AtomicReference<String> accept = new AtomicReference<>();
    private final CountDownLatch firstDelta = new CountDownLatch(1);
    private final CountDownLatch aborted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> deltas = new CopyOnWriteArrayList<>();
    private final StreamSink sink = content -> {
        deltas.add(content);
        firstDelta.countDown();
    };
    private volatile Script script;
    private volatile boolean firstSeenBeforeTheRest;
    private HttpServer server;
    private ProviderContext context;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            accept.set(exchange.getRequestHeaders().getFirst("Accept"));
            try {
                script.run(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        context = ProviderContext.create(Clock.systemUTC(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        context.close();
    }

    private CompletableFuture<ProviderResult> stream(Duration timeout) {
        var settings = new DeploymentSettings("openai-local", "openai",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"), KEY, "local", timeout, null);
        Provider provider = new OpenAiProviderFactory().create(settings, context);
        return provider.stream(new ProviderCall(request("r1", "Say hello").build(), "gpt-4o-mini", settings), sink);
    }

    private static void event(OutputStream body, String line) throws IOException {
        body.write((line + "\n\n").getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    /** The first event, then, once the client has passed its piece on, the rest of the stream. */
    private void wholeStream(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        List<String> lines = OpenAiStreamTest.STREAM.stream().filter(line -> !line.isEmpty()).toList();
        event(body, lines.get(0));
        event(body, lines.get(1));
        firstSeenBeforeTheRest = firstDelta.await(10, TimeUnit.SECONDS);
        for (String line : lines.subList(2, lines.size())) {
            event(body, line);
        }
    }

    @Test
    void asksForAStreamWithUsageAndPassesPiecesOnAsTheyArrive() throws Exception {
        script = this::wholeStream;

        var result = (Completion) stream(null).get(30, TimeUnit.SECONDS);

        JsonNode sent = OpenAiJson.MAPPER.readTree(requestBody.get());
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(accept.get()).isEqualTo("text/event-stream");
        assertThat(firstSeenBeforeTheRest).as("the first piece arrived before the body ended").isTrue();
        assertThat(deltas).containsExactly("Hello", " there.");
        assertThat(result.choices().get(0).getMessage().getContent()).isEqualTo(String.join("", deltas));
        assertThat(result.usage().getTotalTokens()).isEqualTo(12);
        assertThat(result.responseModel()).isEqualTo("gpt-4o-mini-2024-07-18");
    }

    @Test
    void anErrorStatusBeforeTheStreamIsMappedLikeAnUnstreamedOne() throws Exception {
        script = exchange -> {
            byte[] body = "{\"error\":{\"message\":\"Rate limit reached\",\"code\":\"rate_limit_exceeded\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(429, body.length);
            exchange.getResponseBody().write(body);
        };

        var error = (ProviderError) stream(null).get(30, TimeUnit.SECONDS);

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::retryAfter, ProviderError::message)
                .containsExactly(429, Duration.ofSeconds(7), "upstream returned HTTP 429: Rate limit reached");
        assertThat(deltas).isEmpty();
    }

    @Test
    void aConnectionBrokenMidStreamIsARetryableUpstreamError() throws Exception {
        script = exchange -> {
            exchange.sendResponseHeaders(200, 100_000); // promises more than it sends, then hangs up
            event(exchange.getResponseBody(), OpenAiStreamTest.STREAM.get(2));
        };

        var error = (ProviderError) stream(null).get(30, TimeUnit.SECONDS);

        assertThat(deltas).containsExactly("Hello");
        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
    }

    @Test
    void aStreamThatStallsEndsAtTheDeploymentTimeout() throws Exception {
        script = exchange -> {
            exchange.sendResponseHeaders(200, 0);
            event(exchange.getResponseBody(), OpenAiStreamTest.STREAM.get(2));
            release.await(30, TimeUnit.SECONDS);
        };

        var error = (ProviderError) stream(Duration.ofMillis(500)).get(30, TimeUnit.SECONDS);

        assertThat(deltas).containsExactly("Hello");
        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type).containsExactly(504, "timeout");
    }

    @Test
    void cancellingTheCallAbortsTheUpstreamConnection() throws Exception {
        script = exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            event(body, OpenAiStreamTest.STREAM.get(2));
            try {
                while (release.getCount() > 0) {
                    TimeUnit.MILLISECONDS.sleep(20);
                    event(body, ": still thinking");
                }
            } catch (IOException e) {
                aborted.countDown();
            }
        };
        CompletableFuture<ProviderResult> call = stream(null);
        assertThat(firstDelta.await(10, TimeUnit.SECONDS)).isTrue();

        call.cancel(true);

        assertThat(aborted.await(10, TimeUnit.SECONDS)).as("the server saw the connection go").isTrue();
        assertThat(deltas).containsExactly("Hello");
    }
}
