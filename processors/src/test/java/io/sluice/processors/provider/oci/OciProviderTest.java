package io.sluice.processors.provider.oci;

import static io.sluice.processors.provider.TestRequests.message;
import static io.sluice.processors.provider.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.Role;
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
import io.sluice.processors.provider.StreamSink;
import io.sluice.processors.provider.StubUpstream;
import java.io.OutputStream;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OCI provider against a stub inference endpoint on loopback, with a key made for the test. */
class OciProviderTest {
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
    private static final String COMPARTMENT = "ocid1.compartment.oc1..aaaacompartment";
    private static final String PASSPHRASE = "unused-passphrase-9f8e";

    private StubUpstream upstream;
    private ProviderContext context;

    @BeforeEach
    void start() throws Exception {
        upstream = StubUpstream.start();
        context = ProviderContext.create(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        upstream.close();
        context.close();
    }

    private DeploymentSettings deployment(Map<String, String> extraOptions, Duration timeout) {
        var options = new HashMap<String, String>();
        options.put("compartment-id", COMPARTMENT);
        options.putAll(extraOptions);
        var credentials = Map.of("tenancy-ocid", OciSignatures.TENANCY, "user-ocid", OciSignatures.USER,
                "fingerprint", OciSignatures.FINGERPRINT, "private-key", OciSignatures.privateKeyPem(),
                "passphrase", PASSPHRASE);
        return new DeploymentSettings("oci-chicago", OciProviderFactory.TYPE, URI.create(upstream.baseUrl() + "/"), null,
                "us-chicago-1", timeout, options, credentials);
    }

    private static ProviderCall call(DeploymentSettings settings) {
        var params = SamplingParams.newBuilder().setMaxTokens(16).build();
        return new ProviderCall(request("r1", "Say hello").setParams(params).build(), "meta.llama-3.3-70b-instruct", settings);
    }

    private ProviderResult complete(DeploymentSettings settings) throws Exception {
        try (Provider provider = new OciProviderFactory().create(settings, context)) {
            return provider.complete(call(settings)).get(30, TimeUnit.SECONDS);
        }
    }

    private ProviderResult stream(DeploymentSettings settings, StreamSink sink) throws Exception {
        try (Provider provider = new OciProviderFactory().create(settings, context)) {
            return provider.stream(call(settings), sink).get(30, TimeUnit.SECONDS);
        }
    }

    /** Verifies the request's signature as OCI would, from the request as the stub received it. */
    private static void assertSignedAsReceived(StubUpstream.Seen seen) throws Exception {
        Map<String, String> signature = OciSignatures.parameters(seen.header("authorization"));
        assertThat(signature.get("keyId")).isEqualTo(OciSignatures.TENANCY + "/" + OciSignatures.USER + "/"
                + OciSignatures.FINGERPRINT);
        List<String> signed = Arrays.asList(signature.get("headers").split(" "));
        assertThat(signed).containsExactly("date", "(request-target)", "host", "content-length", "content-type",
                "x-content-sha256");
        String target = seen.path() + (seen.rawQuery() == null ? "" : "?" + seen.rawQuery());
        String signingString = OciSignatures.signingString(signed, seen.method(), target, seen::header);
        assertThat(OciSignatures.verifies(OciSignatures.KEYS.getPublic(), signingString, signature.get("signature")))
                .as("signature over\n" + signingString).isTrue();
        assertThat(seen.header("x-content-sha256")).isEqualTo(OciSignatures.sha256Base64(seen.body()));
        assertThat(seen.header("content-length")).isEqualTo(Integer.toString(seen.body().length));
        assertThat(seen.header("date")).as("the provider clock's time").isEqualTo("Thu, 02 Jan 2025 03:04:05 GMT");
    }

    @Test
    void postsASignedChatAndParsesTheResult() throws Exception {
        upstream.then(200, Map.of("Content-Type", "application/json", "opc-request-id", "req-42"),
                OciResponsesTest.GENERIC_RESULT.getBytes(StandardCharsets.UTF_8));

        var result = complete(deployment(Map.of(), null));

        var seen = upstream.take();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/20231130/actions/chat");
        assertThat(seen.rawQuery()).isNull();
        assertThat(seen.header("content-type")).isEqualTo("application/json");
        assertThat(seen.header("accept")).isEqualTo("application/json");
        assertThat(seen.header("host")).isEqualTo("127.0.0.1:" + upstream.port());
        assertThat(seen.bodyText()).isEqualTo("{\"compartmentId\":\"" + COMPARTMENT + "\","
                + "\"servingMode\":{\"servingType\":\"ON_DEMAND\",\"modelId\":\"meta.llama-3.3-70b-instruct\"},"
                + "\"chatRequest\":{\"apiFormat\":\"GENERIC\",\"messages\":["
                + "{\"role\":\"SYSTEM\",\"content\":[{\"type\":\"TEXT\",\"text\":\"You are terse.\"}]},"
                + "{\"role\":\"USER\",\"content\":[{\"type\":\"TEXT\",\"text\":\"Say hello\"}]}],"
                + "\"maxTokens\":16,\"isStream\":false}}");
        assertSignedAsReceived(seen);
        assertThat(result).isInstanceOfSatisfying(Completion.class, completion -> {
            assertThat(completion.providerResponseId()).isEqualTo("req-42");
            assertThat(completion.choices().get(0).getMessage().getContent()).isEqualTo("Hello there.");
            assertThat(completion.usage().getTotalTokens()).isEqualTo(12);
        });
    }

    @Test
    void streamsGenericEventsAsTheyArrive() throws Exception {
        var firstDelta = new CountDownLatch(1);
        var deltas = new CopyOnWriteArrayList<String>();
        StreamSink sink = piece -> {
            deltas.add(piece);
            firstDelta.countDown();
        };
        var firstBeforeTheRest = new boolean[1];
        upstream.then(exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().add("opc-request-id", "req-7");
            exchange.sendResponseHeaders(200, 0);
            OutputStream body = exchange.getResponseBody();
            List<String> events = OciStreamTest.GENERIC.stream().filter(line -> !line.isEmpty()).toList();
            body.write((events.get(0) + "\n\n").getBytes(StandardCharsets.UTF_8));
            body.flush();
            firstBeforeTheRest[0] = firstDelta.await(10, TimeUnit.SECONDS);
            for (String event : events.subList(1, events.size())) {
                body.write((event + "\n\n").getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
        });

        var result = (Completion) stream(deployment(Map.of(), null), sink);

        var seen = upstream.take();
        assertThat(seen.header("accept")).isEqualTo("text/event-stream");
        assertThat(seen.bodyText()).endsWith("\"isStream\":true,\"streamOptions\":{\"isIncludeUsage\":true}}}");
        assertSignedAsReceived(seen);
        assertThat(firstBeforeTheRest[0]).as("the first piece was passed on before the body ended").isTrue();
        assertThat(deltas).containsExactly("Hello", " there.");
        assertThat(result.providerResponseId()).isEqualTo("req-7");
        assertThat(result.choices().get(0).getMessage().getContent()).isEqualTo("Hello there.");
        assertThat(result.usage().getTotalTokens()).isEqualTo(11);
    }

    @Test
    void streamsCohereEventsInTheCohereFormat() throws Exception {
        upstream.thenEvents(OciStreamTest.COHERE.stream().filter(line -> !line.isEmpty()).map(line -> line + "\n\n").toList(), 5);
        var sink = new RecordingSink();

        var result = (Completion) stream(deployment(Map.of("api-format", "cohere"), null), sink);

        var seen = upstream.take();
        assertThat(seen.bodyText()).contains("\"chatRequest\":{\"apiFormat\":\"COHERE\",\"message\":\"Say hello\","
                + "\"preambleOverride\":\"You are terse.\",\"maxTokens\":16,\"isStream\":true");
        assertSignedAsReceived(seen);
        assertThat(sink.events).containsExactly("Hello", " there.");
        assertThat(result.choices().get(0).getFinishReason()).isEqualTo("stop");
        assertThat(result.usage().getTotalTokens()).isEqualTo(11);
    }

    @Test
    void tooManyRequestsIsRetryableAfterRetryAfter() throws Exception {
        upstream.then(429, Map.of("Content-Type", "application/json", "Retry-After", "5"),
                "{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}".getBytes(StandardCharsets.UTF_8));

        var error = (ProviderError) complete(deployment(Map.of(), null));

        assertThat(error).extracting(ProviderError::provider, ProviderError::httpStatus, ProviderError::retryable,
                        ProviderError::retryAfter, ProviderError::code)
                .containsExactly("oci-genai", 429, true, Duration.ofSeconds(5), "TooManyRequests");
    }

    @Test
    void aBadRequestIsNotRetryableAndNoSecretShows() throws Exception {
        upstream.thenJson(400, "{\"code\":\"InvalidParameter\",\"message\":\"model not found; passphrase "
                + PASSPHRASE + "\"}");

        var error = (ProviderError) complete(deployment(Map.of(), null));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(400, "invalid_request_error", false);
        assertThat(error.message()).doesNotContain(PASSPHRASE).doesNotContain("PRIVATE KEY");
    }

    @Test
    void anErrorStatusBeforeAStreamIsMappedLikeAnUnstreamedOne() throws Exception {
        upstream.thenJson(401, "{\"code\":\"NotAuthenticated\",\"message\":\"The required information to complete authentication was not provided.\"}");
        var sink = new RecordingSink();

        var error = (ProviderError) stream(deployment(Map.of(), null), sink);

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(401, "authentication_error", false);
        assertThat(sink.events).isEmpty();
    }

    @Test
    void aConnectionBrokenMidStreamIsARetryableUpstreamError() throws Exception {
        upstream.then(exchange -> {
            exchange.sendResponseHeaders(200, 100_000); // promises more than it sends, then hangs up
            exchange.getResponseBody().write((OciStreamTest.GENERIC.get(0) + "\n\n").getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
        });
        var sink = new RecordingSink();

        var error = (ProviderError) stream(deployment(Map.of(), null), sink);

        assertThat(sink.events).containsExactly("Hello");
        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(502, "upstream_error", true);
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeout() throws Exception {
        // nothing queued: the stub holds the request open

        var error = (ProviderError) complete(deployment(Map.of(), Duration.ofMillis(300)));

        assertThat(error).extracting(ProviderError::httpStatus, ProviderError::type, ProviderError::retryable)
                .containsExactly(504, "timeout", true);
    }

    @Test
    void aConversationTheFormatCannotSayIsRefusedWithoutACall() throws Exception {
        var settings = deployment(Map.of("api-format", "cohere"), null);
        var request = request("r1", "x").setMessages(List.of(message(Role.USER, "Hi"), message(Role.ASSISTANT, "Hel"))).build();

        ProviderResult result;
        try (Provider provider = new OciProviderFactory().create(settings, context)) {
            result = provider.complete(new ProviderCall(request, "cohere.command-r-08-2024", settings)).get(5, TimeUnit.SECONDS);
        }

        assertThat(result).isInstanceOfSatisfying(ProviderError.class, error ->
                assertThat(error).extracting(ProviderError::httpStatus, ProviderError::retryable).containsExactly(400, false));
        assertThat(upstream.pending()).isZero();
    }

    @Test
    void theRegionNamesTheEndpointWhenThereIsNoBaseUrl() {
        var settings = new DeploymentSettings("oci", "oci-genai", null, null, null, null,
                Map.of("oci-region", "us-chicago-1"));

        assertThat(OciProviderFactory.baseUrl(settings))
                .isEqualTo(URI.create("https://inference.generativeai.us-chicago-1.oci.oraclecloud.com"));
        assertThat(OciProvider.chat(OciProviderFactory.baseUrl(settings)))
                .hasToString("https://inference.generativeai.us-chicago-1.oci.oraclecloud.com/20231130/actions/chat");
    }

    @Test
    void configurationErrorsNameTheKeyAndNoSecret() {
        var factory = new OciProviderFactory();
        var good = deployment(Map.of(), null);
        var noCompartment = new DeploymentSettings("oci", "oci-genai", good.baseUrl(), null, null, null, Map.of(),
                good.credentials());
        var badRegion = new DeploymentSettings("oci", "oci-genai", null, null, null, null,
                Map.of("oci-region", "evil.example.com/x", "compartment-id", COMPARTMENT), good.credentials());
        var noEndpoint = new DeploymentSettings("oci", "oci-genai", null, null, null, null,
                Map.of("compartment-id", COMPARTMENT), good.credentials());
        var badFormat = new DeploymentSettings("oci", "oci-genai", good.baseUrl(), null, null, null,
                Map.of("compartment-id", COMPARTMENT, "api-format", "openai"), good.credentials());
        var noFingerprint = new HashMap<>(good.credentials());
        noFingerprint.remove("fingerprint");
        var badKey = new HashMap<>(good.credentials());
        badKey.put("private-key", "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> factory.create(noCompartment, context))
                .hasMessage("deployments[name=oci].options.compartment-id is required for provider oci-genai");
        assertThatThrownBy(() -> factory.create(badRegion, context))
                .hasMessage("deployments[name=oci].options.oci-region must be an OCI region identifier such as us-chicago-1");
        assertThatThrownBy(() -> factory.create(noEndpoint, context))
                .hasMessageStartingWith("deployments[name=oci].base-url or deployments[name=oci].options.oci-region is required");
        assertThatThrownBy(() -> factory.create(badFormat, context))
                .hasMessage("deployments[name=oci].options.api-format must be generic or cohere");
        assertThatThrownBy(() -> factory.create(new DeploymentSettings("oci", "oci-genai", good.baseUrl(), null, null, null,
                good.options(), noFingerprint), context))
                .hasMessage("deployments[name=oci-chicago].credentials.fingerprint is required for provider oci-genai"
                        .replace("oci-chicago", "oci"));
        assertThatThrownBy(() -> factory.create(new DeploymentSettings("oci", "oci-genai", good.baseUrl(), null, null, null,
                good.options(), badKey), context))
                .hasMessageStartingWith("deployments[name=oci].credentials.private-key: the private key cannot be read")
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void theTypeIsRegisteredForServiceLoading() {
        var settings = deployment(Map.of(), null);

        try (var providers = Providers.load(List.of(settings), context)) {
            assertThat(providers.settings("oci-chicago")).contains(settings);
        }
    }
}
