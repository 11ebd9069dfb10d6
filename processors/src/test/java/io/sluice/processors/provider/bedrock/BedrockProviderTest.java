package io.sluice.processors.provider.bedrock;

import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider against a stub Bedrock Runtime on loopback: the exact signed wire request, answers, streams, errors. */
class BedrockProviderTest {
    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLEsessiontoken";
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    private static final String MODEL =
            "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-haiku-20240307-v1:0";
    private static final String MODEL_IN_PATH = "arn%3Aaws%3Abedrock%3Aeu-west-1%3A123456789012%3Ainference-profile"
            + "%2Feu.anthropic.claude-3-haiku-20240307-v1%3A0";

    private StubUpstream stub;
    private ProviderContext context;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        stub = StubUpstream.start();
        context = ProviderContext.create(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        release.countDown();
        stub.close();
        context.close();
    }

    private DeploymentSettings deployment(String baseUrl, Duration timeout) {
        return new DeploymentSettings("bedrock-eu", "bedrock", baseUrl == null ? null : URI.create(baseUrl), null, "eu",
                timeout, Map.of("aws-region", "eu-west-1"),
                Map.of("access-key-id", ACCESS_KEY_ID, "secret-access-key", SECRET, "session-token", SESSION_TOKEN));
    }

    private ProviderCall call(DeploymentSettings settings) {
        var params = SamplingParams.newBuilder().setTemperature(0.0).setMaxTokens(16).build();
        return new ProviderCall(request("r1", "Say hello").setParams(params).build(), MODEL, settings);
    }

    private ProviderResult complete(DeploymentSettings settings) throws Exception {
        try (Provider provider = new BedrockProviderFactory().create(settings, context)) {
            return provider.complete(call(settings)).get(30, TimeUnit.SECONDS);
        }
    }

    private CompletableFuture<ProviderResult> stream(DeploymentSettings settings, StreamSink sink) {
        return new BedrockProviderFactory().create(settings, context).stream(call(settings), sink);
    }

    /** The signature the request that arrived should carry, computed from the SigV4 spec over what arrived. */
    private static String expectedAuthorization(StubUpstream.Seen seen) {
        List<String> names = List.of("accept", "content-type", "host", "x-amz-content-sha256", "x-amz-date",
                "x-amz-security-token");
        var signed = new HashMap<String, String>();
        names.forEach(name -> signed.put(name, seen.header(name)));
        String signature = SigV4Reference.signature(seen.method(), seen.path(), signed, seen.body(),
                "20250102T030405Z", "eu-west-1", "bedrock", SECRET);
        return "AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/20250102/eu-west-1/bedrock/aws4_request, "
                + "SignedHeaders=" + String.join(";", names) + ", Signature=" + signature;
    }

    @Test
    void postsTheExactSignedWireRequestAndParsesTheAnswer() throws Exception {
        stub.then(200, Map.of("Content-Type", "application/json", "x-amzn-RequestId", "req-123"),
                BedrockResponsesTest.CONVERSE.getBytes(StandardCharsets.UTF_8));

        var result = complete(deployment(stub.baseUrl() + "/", null));

        StubUpstream.Seen seen = stub.take();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/model/" + MODEL_IN_PATH + "/converse");
        assertThat(seen.rawQuery()).isNull();
        assertThat(seen.header("content-type")).isEqualTo("application/json");
        assertThat(seen.header("accept")).isEqualTo("application/json");
        assertThat(seen.header("host")).isEqualTo("127.0.0.1:" + stub.port());
        assertThat(seen.header("x-amz-date")).isEqualTo("20250102T030405Z");
        assertThat(seen.header("x-amz-security-token")).isEqualTo(SESSION_TOKEN);
        assertThat(seen.header("x-amz-content-sha256")).isEqualTo(SigV4Reference.sha256Hex(seen.body()));
        assertThat(seen.header("authorization")).isEqualTo(expectedAuthorization(seen));
        assertThat(seen.bodyText()).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Say hello\"}]}],"
                + "\"system\":[{\"text\":\"You are terse.\"}],\"inferenceConfig\":{\"maxTokens\":16,\"temperature\":0.0}}");
        assertThat(result).isInstanceOfSatisfying(Completion.class, completion -> {
            assertThat(completion.providerResponseId()).isEqualTo("req-123");
            assertThat(completion.responseModel()).isEqualTo(MODEL);
            assertThat(completion.choices().get(0).getMessage().getContent()).isEqualTo("Hello there.");
            assertThat(completion.choices().get(0).getFinishReason()).isEqualTo("stop");
            assertThat(completion.usage().getTotalTokens()).isEqualTo(12);
        });
    }

    @Test
    void throttlingIsRetryableWithItsRetryAfter() throws Exception {
        stub.then(429, Map.of("Content-Type", "application/json", "Retry-After", "7",
                        "x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/"),
                "{\"message\":\"Too many requests, please wait before trying again.\"}".getBytes(StandardCharsets.UTF_8));

        var error = (ProviderError) complete(deployment(stub.baseUrl(), null));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::code,
                        ProviderError::retryable, ProviderError::retryAfter)
                .containsExactly(429, "rate_limit_exceeded", "ThrottlingException", true, Duration.ofSeconds(7));
    }

    @Test
    void aValidationErrorIsNotRetryable() throws Exception {
        stub.then(400, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ValidationException"),
                "{\"message\":\"The provided model identifier is invalid.\"}".getBytes(StandardCharsets.UTF_8));

        var error = (ProviderError) complete(deployment(stub.baseUrl(), null));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable,
                        ProviderError::message)
                .containsExactly(400, "invalid_request_error", false,
                        "upstream returned HTTP 400 ValidationException: The provided model identifier is invalid.");
    }

    @Test
    void credentialsNeverReachAnErrorMessage() throws Exception {
        stub.then(403, Map.of("x-amzn-ErrorType", "InvalidSignatureException"),
                ("{\"message\":\"Signature mismatch for " + ACCESS_KEY_ID + " with " + SECRET + " and " + SESSION_TOKEN
                        + "\"}").getBytes(StandardCharsets.UTF_8));
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        var echoed = (ProviderError) complete(deployment(stub.baseUrl(), null));
        var refused = (ProviderError) complete(deployment("http://127.0.0.1:" + closedPort, null));

        for (ProviderError error : List.of(echoed, refused)) {
            assertThat(error.toString()).doesNotContain(ACCESS_KEY_ID, SECRET, SESSION_TOKEN);
        }
        assertThat(echoed).extracting(ProviderError::httpStatus, ProviderError::type)
                .containsExactly(403, "authentication_error");
        assertThat(refused).extracting(ProviderError::httpStatus, ProviderError::retryable).containsExactly(502, true);
    }

    @Test
    void aParameterConverseCannotTakeIsRefusedWithoutCallingBedrock() throws Exception {
        var settings = deployment(stub.baseUrl(), null);
        var request = request("r1", "Hi").setParams(SamplingParams.newBuilder().setSeed(7L).build()).build();

        ProviderResult result;
        try (Provider provider = new BedrockProviderFactory().create(settings, context)) {
            result = provider.complete(new ProviderCall(request, MODEL, settings)).get(5, TimeUnit.SECONDS);
        }

        assertThat(result).isInstanceOfSatisfying(ProviderError.class, error ->
                assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::message)
                        .containsExactly(400, "invalid_request_error", "parameter 'seed' is not supported by provider bedrock"));
        assertThat(stub.pending()).isZero();
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeout() throws Exception {
        // nothing queued: the stub holds the request open

        var error = (ProviderError) complete(deployment(stub.baseUrl(), Duration.ofMillis(300)));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(504, "timeout", true);
    }

    // --- streaming ---------------------------------------------------------------------------

    /** Records the deltas and opens a latch at the first. */
    private static final class LatchSink implements StreamSink {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch firstDelta = new CountDownLatch(1);

        @Override
        public void delta(String content) {
            events.add(content);
            firstDelta.countDown();
        }
    }

    private static void write(OutputStream body, byte[] bytes) throws IOException {
        body.write(bytes);
        body.flush();
    }

    private static void startEventStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", BedrockProvider.EVENT_STREAM);
        exchange.getResponseHeaders().add("x-amzn-RequestId", "req-stream-1");
        exchange.sendResponseHeaders(200, 0);
    }

    @Test
    void streamsDeltasAsTheyArriveAndEndsWithUsage() throws Exception {
        var sink = new LatchSink();
        var firstSeenBeforeTheRest = new boolean[1];
        byte[][] frames = EventStreamFrames.helloStream();
        stub.then(exchange -> {
            startEventStream(exchange);
            OutputStream body = exchange.getResponseBody();
            write(body, EventStreamFrames.concat(frames[0], frames[1]));
            firstSeenBeforeTheRest[0] = sink.firstDelta.await(10, TimeUnit.SECONDS);
            byte[] rest = EventStreamFrames.concat(Arrays.copyOfRange(frames, 2, frames.length));
            for (int at = 0; at < rest.length; at += 7) { // the rest in pieces that cut frames anywhere
                write(body, Arrays.copyOfRange(rest, at, Math.min(rest.length, at + 7)));
            }
        });

        var result = stream(deployment(stub.baseUrl(), null), sink).get(30, TimeUnit.SECONDS);

        StubUpstream.Seen seen = stub.take();
        assertThat(seen.path()).isEqualTo("/model/" + MODEL_IN_PATH + "/converse-stream");
        assertThat(seen.header("accept")).isEqualTo(BedrockProvider.EVENT_STREAM);
        assertThat(seen.header("authorization")).isEqualTo(expectedAuthorization(seen));
        assertThat(firstSeenBeforeTheRest[0]).as("the first delta arrived before the rest was sent").isTrue();
        assertThat(sink.events).containsExactly("Hello", " there.");
        assertThat(result).isInstanceOfSatisfying(Completion.class, completion -> {
            assertThat(completion.providerResponseId()).isEqualTo("req-stream-1");
            assertThat(completion.choices().get(0).getMessage().getContent()).isEqualTo("Hello there.");
            assertThat(completion.choices().get(0).getFinishReason()).isEqualTo("stop");
            assertThat(completion.usage().getPromptTokens()).isEqualTo(9);
            assertThat(completion.usage().getTotalTokens()).isEqualTo(12);
        });
    }

    @Test
    void anExceptionAfterTheFirstByteIsAnErrorNeverACleanFinish() throws Exception {
        var sink = new RecordingSink();
        byte[][] frames = EventStreamFrames.helloStream();
        stub.then(exchange -> {
            startEventStream(exchange);
            write(exchange.getResponseBody(), EventStreamFrames.concat(frames[0], frames[1],
                    EventStreamFrames.exception("throttlingException", "{\"message\":\"Too many tokens, please wait.\"}")));
        });

        var result = stream(deployment(stub.baseUrl(), null), sink).get(30, TimeUnit.SECONDS);

        assertThat(sink.events).containsExactly("Hello");
        assertThat(result).isInstanceOfSatisfying(ProviderError.class, error ->
                assertThat(error).extracting(ProviderError::httpStatus, ProviderError::code, ProviderError::retryable,
                                ProviderError::message)
                        .containsExactly(429, "throttlingException", true,
                                "the provider reported throttlingException mid-stream: Too many tokens, please wait."));
    }

    @Test
    void aCorruptFrameEndsTheStreamWithAnErrorAndDropsTheConnection() throws Exception {
        var sink = new RecordingSink();
        var aborted = new CountDownLatch(1);
        byte[][] frames = EventStreamFrames.helloStream();
        byte[] corrupt = frames[2].clone();
        corrupt[corrupt.length - 6] ^= 0x20;
        stub.then(exchange -> {
            startEventStream(exchange);
            OutputStream body = exchange.getResponseBody();
            write(body, EventStreamFrames.concat(frames[0], frames[1], corrupt));
            try {
                while (release.getCount() > 0) {
                    TimeUnit.MILLISECONDS.sleep(20);
                    write(body, frames[3]);
                }
            } catch (IOException e) {
                aborted.countDown();
            }
        });

        var result = stream(deployment(stub.baseUrl(), null), sink).get(30, TimeUnit.SECONDS);

        assertThat(sink.events).containsExactly("Hello");
        assertThat(result).isInstanceOfSatisfying(ProviderError.class, error ->
                assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::message)
                        .containsExactly(502, "upstream_error",
                                "the provider's event stream is malformed: an event-stream frame has a wrong message checksum"));
        assertThat(aborted.await(10, TimeUnit.SECONDS)).as("the server saw the connection go").isTrue();
    }

    @Test
    void aBodyCutInTheMiddleOfAFrameIsAnError() throws Exception {
        var sink = new RecordingSink();
        byte[][] frames = EventStreamFrames.helloStream();
        stub.then(exchange -> {
            startEventStream(exchange);
            write(exchange.getResponseBody(), EventStreamFrames.concat(frames[0], frames[1],
                    Arrays.copyOf(frames[2], 20)));
        });

        var result = stream(deployment(stub.baseUrl(), null), sink).get(30, TimeUnit.SECONDS);

        assertThat(result).isInstanceOfSatisfying(ProviderError.class, error ->
                assertThat(error).extracting(ProviderError::httpStatus, ProviderError::retryable, ProviderError::message)
                        .containsExactly(502, true, "the provider's event stream ended in the middle of a frame"));
    }

    @Test
    void anErrorStatusBeforeTheStreamIsMappedLikeAnUnstreamedOne() throws Exception {
        var sink = new RecordingSink();
        stub.then(503, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ServiceUnavailableException"),
                "{\"message\":\"Service unavailable\"}".getBytes(StandardCharsets.UTF_8));

        var error = (ProviderError) stream(deployment(stub.baseUrl(), null), sink).get(30, TimeUnit.SECONDS);

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::code,
                        ProviderError::retryable)
                .containsExactly(503, "server_error", "ServiceUnavailableException", true);
        assertThat(sink.events).isEmpty();
    }

    @Test
    void aStreamThatStallsEndsAtTheDeploymentTimeout() throws Exception {
        var sink = new RecordingSink();
        byte[][] frames = EventStreamFrames.helloStream();
        stub.then(exchange -> {
            startEventStream(exchange);
            write(exchange.getResponseBody(), EventStreamFrames.concat(frames[0], frames[1]));
            release.await(30, TimeUnit.SECONDS);
        });

        var error = (ProviderError) stream(deployment(stub.baseUrl(), Duration.ofMillis(500)), sink)
                .get(30, TimeUnit.SECONDS);

        assertThat(sink.events).containsExactly("Hello");
        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type).containsExactly(504, "timeout");
    }

    @Test
    void cancellingTheCallAbortsTheUpstreamConnection() throws Exception {
        var sink = new LatchSink();
        var aborted = new CountDownLatch(1);
        byte[][] frames = EventStreamFrames.helloStream();
        stub.then(exchange -> {
            startEventStream(exchange);
            OutputStream body = exchange.getResponseBody();
            write(body, EventStreamFrames.concat(frames[0], frames[1]));
            try {
                while (release.getCount() > 0) {
                    TimeUnit.MILLISECONDS.sleep(20);
                    write(body, frames[3]); // contentBlockStop: says nothing, keeps the connection busy
                }
            } catch (IOException e) {
                aborted.countDown();
            }
        });
        CompletableFuture<ProviderResult> call = stream(deployment(stub.baseUrl(), null), sink);
        assertThat(sink.firstDelta.await(10, TimeUnit.SECONDS)).isTrue();

        call.cancel(true);

        assertThat(aborted.await(10, TimeUnit.SECONDS)).as("the server saw the connection go").isTrue();
        assertThat(sink.events).containsExactly("Hello");
    }

    // --- configuration -----------------------------------------------------------------------

    @Test
    void theBaseUrlDefaultsToTheRegionsEndpointAndTheProviderPrintsNoCredential() {
        Provider provider = new BedrockProviderFactory().create(deployment(null, null), context);

        assertThat(provider.toString()).contains("https://bedrock-runtime.eu-west-1.amazonaws.com")
                .doesNotContain(ACCESS_KEY_ID, SECRET, SESSION_TOKEN);
        assertThat(((BedrockProvider) provider).endpoint("amazon.nova-lite-v1:0", "converse")).isEqualTo(URI.create(
                "https://bedrock-runtime.eu-west-1.amazonaws.com/model/amazon.nova-lite-v1%3A0/converse"));
    }

    @Test
    void configurationErrorsNameTheirPath() {
        var factory = new BedrockProviderFactory();
        var credentials = Map.of("access-key-id", ACCESS_KEY_ID, "secret-access-key", SECRET);

        assertThatThrownBy(() -> factory.create(new DeploymentSettings("b", "bedrock", null, null, "eu", null,
                Map.of(), credentials), context))
                .hasMessageStartingWith("deployments[name=b].options.aws-region is required for provider bedrock");
        assertThatThrownBy(() -> factory.create(new DeploymentSettings("b", "bedrock", null, null, "eu", null,
                Map.of("aws-region", "evil.example.com/"), credentials), context))
                .hasMessage("deployments[name=b].options.aws-region must be an AWS region name such as us-east-1");
        assertThatThrownBy(() -> factory.create(new DeploymentSettings("b", "bedrock", null, null, "eu", null,
                Map.of("aws-region", "us-east-1"), Map.of("access-key-id", ACCESS_KEY_ID)), context))
                .hasMessage("deployments[name=b].credentials.secret-access-key is required for provider bedrock");
        assertThatThrownBy(() -> factory.create(new DeploymentSettings("b", "bedrock", null, "sk-unused", "eu", null,
                Map.of("aws-region", "us-east-1"), credentials), context))
                .hasMessageStartingWith("deployments[name=b].api-key is not used by provider bedrock")
                .hasMessageNotContaining("sk-unused");
    }
}
