package io.sluice.processors.provider.anthropic;

import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.SamplingParams;
import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.Completion;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.RecordingSink;
import io.sluice.processors.provider.StreamSink;
import io.sluice.processors.provider.StubUpstream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider streaming from a stub Messages API on loopback that writes its events one flush at a time. */
class AnthropicStreamingProviderTest {
    private static final String KEY = AnthropicProviderTest.KEY;
    private static final List<String> EVENTS = AnthropicStreamTest.EVENTS;

    private final RecordingSink recording = new RecordingSink();
    private final CountDownLatch firstDelta = new CountDownLatch(1);
    private final AtomicLong firstDeltaAt = new AtomicLong();
    private final StreamSink sink = new StreamSink() {
        @Override
        public void delta(String content) {
            firstDeltaAt.compareAndSet(0, System.nanoTime());
            recording.delta(content);
            firstDelta.countDown();
        }

        @Override
        public void model(String responseModel) {
            recording.model(responseModel);
        }
    };
    private final CountDownLatch release = new CountDownLatch(1);
    private StubUpstream stub;
    private ProviderContext context;

    @BeforeEach
    void start() throws Exception {
        stub = StubUpstream.start();
        context = ProviderContext.create(Clock.systemUTC(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        release.countDown();
        stub.close();
        context.close();
    }

    private CompletableFuture<ProviderResult> stream(Duration timeout) {
        DeploymentSettings settings = AnthropicProviderTest.deployment(stub.baseUrl(), timeout,
                Map.of("anthropic-beta", "fine-grained-tool-streaming-2025-05-14"));
        Provider provider = new AnthropicProviderFactory().create(settings, context);
        var request = request("r1", "Say hello").setParams(SamplingParams.newBuilder().setMaxTokens(256).build());
        return provider.stream(new ProviderCall(request.build(), "claude-sonnet-4-5", settings), sink);
    }

    private static void write(OutputStream body, String event) throws IOException {
        body.write(event.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    @Test
    void asksForAStreamAndPassesPiecesOnWhileTheBodyIsStillComing() throws Exception {
        long pauseMillis = 150;
        stub.thenEvents(EVENTS, pauseMillis);

        var result = (Completion) stream(null).get(30, TimeUnit.SECONDS);
        long completedAt = System.nanoTime();

        var seen = stub.take();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.header("x-api-key")).isEqualTo(KEY);
        assertThat(seen.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(seen.header("anthropic-beta")).isEqualTo("fine-grained-tool-streaming-2025-05-14");
        assertThat(seen.header("accept")).isEqualTo("text/event-stream");
        assertThat(seen.bodyText()).isEqualTo("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,"
                + "\"system\":\"You are terse.\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],"
                + "\"stream\":true}");
        // the first text comes in the fourth event; four more pauses follow before message_stop
        assertThat(Duration.ofNanos(completedAt - firstDeltaAt.get()))
                .as("the first piece arrived well before the body ended")
                .isGreaterThan(Duration.ofMillis(2 * pauseMillis));
        assertThat(recording.events).containsExactly("model:claude-sonnet-4-5-20250929", "Hello", "!");
        assertThat(result.choices().get(0).getMessage().getContent()).isEqualTo("Hello!");
        assertThat(result.usage().getPromptTokens()).isEqualTo(25);
        assertThat(result.usage().getCompletionTokens()).isEqualTo(15);
        assertThat(result.responseModel()).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void theRestOfTheStreamIsWrittenOnlyAfterTheFirstPieceWasPassedOn() throws Exception {
        var firstSeenBeforeTheRest = new CountDownLatch(1);
        stub.then(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            for (String event : EVENTS.subList(0, 4)) {
                write(body, event);
            }
            if (firstDelta.await(10, TimeUnit.SECONDS)) {
                firstSeenBeforeTheRest.countDown();
            }
            for (String event : EVENTS.subList(4, EVENTS.size())) {
                write(body, event);
            }
        });

        var result = stream(null).get(30, TimeUnit.SECONDS);

        assertThat(firstSeenBeforeTheRest.getCount()).as("the first piece arrived before the rest was written").isZero();
        assertThat(result).isInstanceOf(Completion.class);
    }

    @Test
    void anErrorEventAfterTheFirstPieceIsAnErrorNotACleanFinish() throws Exception {
        stub.thenEvents(List.of(EVENTS.get(0), EVENTS.get(1), EVENTS.get(3),
                "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", "
                        + "\"message\": \"Overloaded\"}}\n\n"), 20);

        var error = (ProviderError) stream(null).get(30, TimeUnit.SECONDS);

        assertThat(recording.deltas()).containsExactly("Hello");
        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::code, ProviderError::retryable)
                .containsExactly(529, "overloaded_error", true);
    }

    @Test
    void aBodyThatEndsWithoutMessageStopIsAnError() throws Exception {
        stub.thenEvents(EVENTS.subList(0, EVENTS.size() - 1), 0);

        var error = (ProviderError) stream(null).get(30, TimeUnit.SECONDS);

        assertThat(recording.deltas()).containsExactly("Hello", "!");
        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
    }

    @Test
    void anErrorStatusBeforeTheStreamIsMappedLikeAnUnstreamedOne() throws Exception {
        stub.then(429, Map.of("Content-Type", "application/json", "retry-after", "7"),
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Rate limited\"}}"
                        .getBytes(StandardCharsets.UTF_8));

        var error = (ProviderError) stream(null).get(30, TimeUnit.SECONDS);

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::retryable, ProviderError::retryAfter,
                        ProviderError::message)
                .containsExactly(429, true, Duration.ofSeconds(7), "upstream returned HTTP 429: Rate limited");
        assertThat(recording.events).isEmpty();
    }

    @Test
    void aStreamThatStallsEndsAtTheDeploymentTimeout() throws Exception {
        stub.then(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            for (String event : EVENTS.subList(0, 4)) {
                write(body, event);
            }
            release.await(30, TimeUnit.SECONDS);
        });

        var error = (ProviderError) stream(Duration.ofMillis(500)).get(30, TimeUnit.SECONDS);

        assertThat(recording.deltas()).containsExactly("Hello");
        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type).containsExactly(504, "timeout");
    }

    @Test
    void cancellingTheCallAbortsTheUpstreamConnection() throws Exception {
        var aborted = new CountDownLatch(1);
        stub.then(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            try {
                for (String event : EVENTS.subList(0, 4)) {
                    write(body, event);
                }
                while (release.getCount() > 0) {
                    TimeUnit.MILLISECONDS.sleep(20);
                    write(body, "event: ping\ndata: {\"type\": \"ping\"}\n\n");
                }
            } catch (IOException e) {
                aborted.countDown();
            }
        });
        CompletableFuture<ProviderResult> call = stream(null);
        assertThat(firstDelta.await(10, TimeUnit.SECONDS)).isTrue();

        call.cancel(true);

        assertThat(aborted.await(10, TimeUnit.SECONDS)).as("the stub saw the connection go").isTrue();
        assertThat(recording.deltas()).containsExactly("Hello");
    }
}
