package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.tests.ProviderStubs.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No request field can change where Sluice connects: whatever a client puts in the body, the
 * headers or the model name, and whatever an upstream answers, Sluice only ever calls the host of
 * the configured deployment. A canary server on another loopback port stands for every other
 * place (another host, a metadata service, an internal service) and must never receive a request.
 */
@ExtendWith(SharedKafkaExtension.class)
class OutboundSafetyIT {
    static final String KEY = "sk-test-outbound-0123456789";
    static final String UPSTREAM_KEY = "sk-upstream-outbound-42";
    static final String AZURE_KEY = "0123456789abcdef0123456789abcdef";
    static final String AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String METADATA = "http://169.254.169.254/latest/meta-data/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Answer ANSWER = new Answer("gpt-4o-2024-08-06", List.of("Only ", "the ", "configured ", "host"), 9, 4);

    static RecordingUpstream canary;
    static RecordingUpstream upstream;
    static RecordingUpstream azure;
    static RecordingUpstream bedrock;
    /** Model (and upstream model) to the status and Location the upstream answers it with. */
    static Map<String, Redirect> redirects;
    /** Azure route to the deployment id it names, each trying to leave the deployment's path. */
    static Map<String, String> azureRoutes;
    /** Bedrock route to the model id it names, each trying to leave the model's path. */
    static Map<String, String> bedrockRoutes;
    static RunningSluice sluice;

    record Redirect(int status, String location) {}

    @BeforeAll
    static void start(SharedKafka kafka) {
        canary = RecordingUpstream.start(null);
        String canaryUrl = canary.baseUrl();
        redirects = new LinkedHashMap<>();
        for (int status : new int[] {301, 302, 303, 307, 308}) {
            redirects.put("redirect-" + status + "-canary", new Redirect(status, canaryUrl + "/v1/chat/completions"));
            redirects.put("redirect-" + status + "-canary-root", new Redirect(status, canaryUrl));
            redirects.put("redirect-" + status + "-metadata", new Redirect(status, METADATA));
        }
        redirects.put("redirect-307-relative", new Redirect(307, "//127.0.0.1:" + canary.port() + "/v1/chat/completions"));
        var openAi = ProviderStubs.openAi(ANSWER, false);
        upstream = RecordingUpstream.start((request, exchange) -> {
            Redirect redirect = redirects.get(request.json().path("model").asText());
            if (redirect == null) {
                openAi.answer(request, exchange);
                return;
            }
            exchange.getResponseHeaders().set("Location", redirect.location());
            exchange.sendResponseHeaders(redirect.status(), -1);
        });
        azure = RecordingUpstream.start(ProviderStubs.openAi(ANSWER, true));
        azureRoutes = new LinkedHashMap<>();
        azureRoutes.put("azure-plain", "my-gpt4o");
        azureRoutes.put("azure-traversal", "../../../v1/chat/completions?api-version=evil#");
        azureRoutes.put("azure-encoded-traversal", "..%2F..%2Fv1%2Fchat%2Fcompletions");
        azureRoutes.put("azure-authority", "@127.0.0.1:" + canary.port() + "/v1");
        azureRoutes.put("azure-absolute", canaryUrl + "/v1/chat/completions");
        azureRoutes.put("azure-backslash", "..\\..\\v1");
        azureRoutes.put("azure-crlf", "x\r\nHost: 127.0.0.1:" + canary.port());
        bedrock = RecordingUpstream.start(ProviderStubs.bedrock(ANSWER));
        bedrockRoutes = new LinkedHashMap<>();
        bedrockRoutes.put("bedrock-arn",
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0");
        bedrockRoutes.put("bedrock-traversal", "../../model/other/converse?x=1#");
        bedrockRoutes.put("bedrock-authority", "@127.0.0.1:" + canary.port() + "/model");
        bedrockRoutes.put("bedrock-absolute", canaryUrl + "/model/x");

        var models = new StringBuilder();
        models.append(model("gpt-4o", "primary", "gpt-4o"));
        models.append(model("team/../gpt@127.0.0.1:" + canary.port(), "primary", "team/../gpt@127.0.0.1:" + canary.port()));
        redirects.keySet().forEach(name -> models.append(model(name, "primary", name)));
        azureRoutes.forEach((name, deploymentId) -> models.append(model(name, "azure-eu", deploymentId)));
        bedrockRoutes.forEach((name, modelId) -> models.append(model(name, "bedrock-us", modelId)));
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                invoker:
                  circuit:
                    failure-threshold: 1000
                tenants:
                  - id: acme
                    keys:
                      - id: acme-web
                        app: web
                        secret: ${KEY}
                deployments:
                  - name: primary
                    provider: openai
                    base-url: %s/v1
                    api-key: ${UPSTREAM_KEY}
                  - name: azure-eu
                    provider: azure-openai
                    base-url: %s
                    api-key: ${AZURE_KEY}
                    options:
                      api-version: "2024-10-21"
                  - name: bedrock-us
                    provider: bedrock
                    base-url: %s
                    options:
                      aws-region: us-east-1
                    credentials:
                      access-key-id: ${AWS_ACCESS_KEY_ID}
                      secret-access-key: ${AWS_SECRET_ACCESS_KEY}
                models:
                %s""".formatted(SharedKafka.newPrefix("outbound"), upstream.baseUrl(), azure.baseUrl(), bedrock.baseUrl(),
                        models);
        sluice = RunningSluice.start(kafka, yaml, Map.of("KEY", KEY, "UPSTREAM_KEY", UPSTREAM_KEY, "AZURE_KEY", AZURE_KEY,
                "AWS_ACCESS_KEY_ID", AWS_ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", AWS_SECRET));
    }

    /** A model entry, names quoted as JSON strings (valid YAML) so that any character survives. */
    private static String model(String name, String deployment, String upstreamModel) {
        return "  - name: " + quoted(name) + "\n    deployment: " + deployment
                + "\n    upstream-model: " + quoted(upstreamModel) + "\n";
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
        for (RecordingUpstream server : new RecordingUpstream[] {canary, upstream, azure, bedrock}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @AfterEach
    void theCanaryWasNeverCalled() {
        assertThat(canary.received()).as("requests that reached the canary").isEmpty();
    }

    // --- fields of the body ---------------------------------------------------------------------

    static Stream<String> steeringFields() {
        String canaryUrl = "\"http://127.0.0.1:" + canary.port() + "/v1\"";
        return Stream.of(
                "\"api_base\": " + canaryUrl,
                "\"base_url\": " + canaryUrl,
                "\"api_key\": \"sk-attacker-0000000000000000\"",
                "\"azure_endpoint\": " + canaryUrl,
                "\"extra_headers\": {\"Host\": \"127.0.0.1:" + canary.port() + "\"}",
                "\"extra_body\": {\"api_base\": " + canaryUrl + "}",
                "\"extra_query\": {\"url\": " + canaryUrl + "}",
                "\"headers\": {\"Authorization\": \"Bearer sk-attacker\"}",
                "\"deployment\": \"azure-eu\"",
                "\"provider\": \"azure-openai\"");
    }

    @ParameterizedTest
    @MethodSource("steeringFields")
    void aFieldThatWouldSteerTheCallIsRefusedWith400AndNothingIsCalled(String field) throws Exception {
        int before = upstream.received().size();
        String name = field.substring(1, field.indexOf('"', 1));

        HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"gpt-4o\", " + field + ", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        JsonNode error = assertOpenAiError(response, 400);
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo(name);
        assertThat(error.get("code").asText()).isEqualTo("privileged_parameter");
        assertThat(upstream.received()).hasSize(before);
    }

    @Test
    void aSteeringFieldInsideAMessageIsRefusedToo() throws Exception {
        int before = upstream.received().size();

        HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\", "
                        + "\"base_url\": \"http://127.0.0.1:" + canary.port() + "/v1\"}]}");

        assertOpenAiError(response, 400);
        assertThat(upstream.received()).hasSize(before);
    }

    // --- headers ----------------------------------------------------------------------------------

    @Test
    void hostAndForwardingHeadersNamingTheCanaryDoNotMoveTheCall() throws Exception {
        String canaryHost = "127.0.0.1:" + canary.port();
        int before = upstream.received().size();

        RawReply reply = rawPost("/v1/chat/completions", Map.of(
                "Host", canaryHost,
                "X-Forwarded-Host", canaryHost,
                "X-Forwarded-Proto", "http",
                "X-Forwarded-Port", Integer.toString(canary.port()),
                "X-Forwarded-For", "127.0.0.1",
                "Forwarded", "for=127.0.0.1;host=" + canaryHost + ";proto=http",
                "X-Original-URL", "http://" + canaryHost + "/v1/chat/completions",
                "X-Rewrite-URL", "http://" + canaryHost + "/v1/chat/completions"),
                "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.text()).contains(ANSWER.text());
        assertThat(upstream.received()).hasSize(before + 1);
        var seen = upstream.last();
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.header("host")).isEqualTo("127.0.0.1:" + upstream.port());
        assertThat(seen.header("authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
        assertThat(seen.headers()).doesNotContainKeys("x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
                "forwarded", "x-original-url", "x-rewrite-url");
    }

    @Test
    void anAbsoluteFormRequestTargetNamingTheCanaryIsNotProxied() throws Exception {
        int before = upstream.received().size();

        RawReply reply = rawPost("http://127.0.0.1:" + canary.port() + "/v1/chat/completions",
                Map.of("Host", "127.0.0.1:" + canary.port()),
                "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        assertThat(reply.status()).as(reply.text()).isEqualTo(404);
        assertThat(upstream.received()).hasSize(before);
    }

    // --- model names ------------------------------------------------------------------------------

    static Stream<String> trickyModelNames() {
        String canaryHost = "127.0.0.1:" + canary.port();
        return Stream.of(
                "../gpt-4o",
                "gpt-4o/../../admin",
                "..%2Fgpt-4o",
                "gpt-4o%2F..%2F..%2Fv1",
                "gpt-4o@" + canaryHost,
                "@" + canaryHost,
                "http://" + canaryHost + "/v1",
                "//" + canaryHost + "/v1",
                "gpt-4o#@" + canaryHost,
                "gpt-4o?api_base=http://" + canaryHost,
                "gpt-4o\r\nHost: " + canaryHost,
                "GPT-4O",
                " gpt-4o");
    }

    @ParameterizedTest
    @MethodSource("trickyModelNames")
    void aModelNameThatIsNotConfiguredIs404ModelNotFoundAndCallsNothing(String model) throws Exception {
        int before = callsToConfiguredHosts();

        HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": " + quoted(model) + ", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        JsonNode error = assertOpenAiError(response, 404);
        assertThat(error.get("code").asText()).isEqualTo("model_not_found");
        assertThat(callsToConfiguredHosts()).isEqualTo(before);
    }

    @Test
    void aConfiguredModelNameWithUrlCharactersIsOnlyAName() throws Exception {
        String model = "team/../gpt@127.0.0.1:" + canary.port();

        HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": " + quoted(model) + ", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var seen = upstream.last();
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.rawQuery()).isNull();
        assertThat(seen.header("host")).isEqualTo("127.0.0.1:" + upstream.port());
        assertThat(seen.json().get("model").asText()).isEqualTo(model);
    }

    // --- redirects --------------------------------------------------------------------------------

    static Stream<String> redirectingModels() {
        return redirects.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("redirectingModels")
    void aRedirectFromTheUpstreamIsNotFollowedAndIsA502(String model) throws Exception {
        int before = upstream.received().size();

        HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        JsonNode error = assertOpenAiError(response, 502);
        assertThat(error.get("type").asText()).isEqualTo("upstream_error");
        assertThat(error.get("message").asText())
                .as("a redirect refused, not a call to its target that failed")
                .containsIgnoringCase("redirect")
                .doesNotContain(redirects.get(model).location(), "169.254");
        assertThat(upstream.received()).as("one call to the configured host, not retried").hasSize(before + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"redirect-302-canary", "redirect-307-metadata"})
    void aRedirectAnsweringAStreamedCallIsNotFollowedEither(String model) throws Exception {
        int before = upstream.received().size();

        SseReply reply = SseReply.post(sluice.url("/v1/chat/completions"), KEY, "{\"model\": \"" + model
                + "\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        String text = String.join("\n", reply.lines());
        assertThat(reply.statusCode()).as(text).isEqualTo(502);
        assertThat(JSON.readTree(text).at("/error/type").asText()).isEqualTo("upstream_error");
        assertThat(JSON.readTree(text).at("/error/message").asText()).containsIgnoringCase("redirect");
        assertThat(text).doesNotContain("[DONE]");
        assertThat(upstream.received()).hasSize(before + 1);
    }

    // --- Azure's deployment id in the path ----------------------------------------------------------

    static Stream<String> azureRouteNames() {
        return azureRoutes.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("azureRouteNames")
    void anAzureDeploymentIdIsOneEncodedPathSegmentUnderTheConfiguredHost(String route) throws Exception {
        String deploymentId = azureRoutes.get(route);
        int before = azure.received().size();

        HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"" + route + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(azure.received()).hasSize(before + 1);
        var seen = azure.last();
        String segment = URLEncoder.encode(deploymentId, StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(seen.path()).isEqualTo("/openai/deployments/" + segment + "/chat/completions");
        assertThat(Arrays.asList(seen.path().split("/", -1)))
                .as("no segment of the path can be resolved away")
                .containsExactly("", "openai", "deployments", segment, "chat", "completions")
                .doesNotContain(".", "..");
        assertThat(seen.rawQuery()).isEqualTo("api-version=2024-10-21");
        assertThat(seen.header("host")).isEqualTo("127.0.0.1:" + azure.port());
        assertThat(seen.header("api-key")).isEqualTo(AZURE_KEY);
    }

    static Stream<String> bedrockRouteNames() {
        return bedrockRoutes.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("bedrockRouteNames")
    void aBedrockModelIdIsOneEncodedPathSegmentUnderTheConfiguredHost(String route) throws Exception {
        String modelId = bedrockRoutes.get(route);
        int before = bedrock.received().size();

        HttpResponse<String> response = sluice.post("/v1/chat/completions", KEY, "application/json",
                "{\"model\": \"" + route + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(bedrock.received()).hasSize(before + 1);
        var seen = bedrock.last();
        String segment = awsPathLabel(modelId);
        assertThat(seen.path()).isEqualTo("/model/" + segment + "/converse");
        assertThat(Arrays.asList(seen.path().split("/", -1))).containsExactly("", "model", segment, "converse");
        assertThat(seen.rawQuery()).isNull();
        assertThat(seen.header("host")).isEqualTo("127.0.0.1:" + bedrock.port());
        UpstreamSignatures.assertSigV4(seen, AWS_ACCESS_KEY_ID, AWS_SECRET, "us-east-1", "bedrock");
    }

    /** A path label as AWS wants it: every byte but RFC 3986's unreserved characters percent-encoded. */
    private static String awsPathLabel(String value) {
        var out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            out.append(unreserved ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static int callsToConfiguredHosts() {
        return upstream.received().size() + azure.received().size() + bedrock.received().size();
    }

    private static JsonNode assertOpenAiError(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.has("type")).isTrue();
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
        assertThat(response.body()).doesNotContain(KEY, UPSTREAM_KEY, AZURE_KEY);
        return error;
    }

    /** A status and the whole raw answer, headers included. */
    record RawReply(int status, String text) {}

    /**
     * Sends a request over a plain socket, so that headers the JDK client refuses to set
     * ({@code Host}) and request targets it would not write (absolute form) reach the ingress as given.
     */
    private static RawReply rawPost(String target, Map<String, String> headers, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + target + " HTTP/1.1\r\n"
                + headers.entrySet().stream().map(h -> h.getKey() + ": " + h.getValue() + "\r\n").collect(Collectors.joining())
                + "Authorization: Bearer " + KEY + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + content.length + "\r\n"
                + "Connection: close\r\n\r\n";
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), sluice.runtime().ingressPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String statusLine = text.lines().findFirst().orElseThrow(() -> new AssertionError("no answer"));
            return new RawReply(Integer.parseInt(statusLine.split(" ")[1]), text);
        }
    }
}
