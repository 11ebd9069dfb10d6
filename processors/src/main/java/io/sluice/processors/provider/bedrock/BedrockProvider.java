package io.sluice.processors.provider.bedrock;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderHttp;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.StreamSink;
import io.sluice.schemas.ErrorTypes;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One Bedrock deployment: {@code POST {base-url}/model/{modelId}/converse} (or
 * {@code /converse-stream}), signed with SigV4, with the shared non-blocking client. The deployment
 * timeout bounds the whole call, body included, streamed or not. Completing the returned future
 * exceptionally, or cancelling it, aborts the exchange.
 *
 * <p>A streamed call decodes the binary event stream as it arrives ({@link EventStreamBody}); an
 * HTTP error status before the stream is read whole and mapped like a non-streamed one.
 */
final class BedrockProvider implements Provider {
    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private final DeploymentSettings settings;
    private final String base;
    private final BedrockSigner signer;
    private final BedrockResponses.Secrets secrets;
    private final ProviderContext context;
    private final Clock clock;

    BedrockProvider(DeploymentSettings settings, URI baseUrl, BedrockSigner signer, BedrockResponses.Secrets secrets,
            ProviderContext context) {
        this.settings = settings;
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.base = base;
        this.signer = signer;
        this.secrets = secrets;
        this.context = context;
        this.clock = context.clock();
    }

    /** {@code {base}/model/{modelId}/{operation}}, the model id encoded as one path segment. */
    URI endpoint(String modelId, String operation) {
        return URI.create(base + "/model/" + pathSegment(modelId) + "/" + operation);
    }

    /**
     * Percent-encodes everything but RFC 3986's unreserved characters, as AWS wants a path label:
     * an inference profile ARN's {@code :} and {@code /} stay inside the one segment.
     */
    static String pathSegment(String value) {
        var out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public CompletableFuture<ProviderResult> complete(ProviderCall call) {
        byte[] body;
        try {
            body = BedrockRequests.json(call);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(invalid(e));
        }
        HttpRequest request = request(endpoint(call.upstreamModel(), "converse"), body, "application/json");
        return ProviderHttp.send(context, BedrockProviderFactory.TYPE, settings.timeout(), request,
                new CompletableFuture<>(), HttpResponse.BodyHandlers.ofByteArray(),
                response -> parse(response.statusCode(), response.headers(), response.body(), call));
    }

    @Override
    public CompletableFuture<ProviderResult> stream(ProviderCall call, StreamSink sink) {
        byte[] body;
        try {
            body = BedrockRequests.json(call);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(invalid(e));
        }
        HttpRequest request = request(endpoint(call.upstreamModel(), "converse-stream"), body, EVENT_STREAM);
        var result = new CompletableFuture<ProviderResult>();
        var handler = EventStreamBody.bodyHandler(new BedrockStream(call.upstreamModel(), sink, secrets), result,
                (info, bytes) -> parse(info.statusCode(), info.headers(), bytes, call));
        return ProviderHttp.send(context, BedrockProviderFactory.TYPE, settings.timeout(), request, result, handler,
                HttpResponse::body);
    }

    private ProviderResult parse(int status, HttpHeaders headers, byte[] body, ProviderCall call) {
        if (status >= 200 && status < 300) {
            return BedrockResponses.completion(body, call.upstreamModel(),
                    headers.firstValue("x-amzn-requestid").orElse(null));
        }
        if (status >= 300 && status < 400) {
            return ProviderHttp.redirect(BedrockProviderFactory.TYPE, status);
        }
        int errorStatus = status >= 400 && status <= 599 ? status : 502;
        return BedrockResponses.error(errorStatus, headers.firstValue("x-amzn-errortype").orElse(null), body,
                ProviderHttp.retryAfter(headers, clock.instant()), secrets);
    }

    private static ProviderError invalid(IllegalArgumentException e) {
        return ProviderError.forStatus(BedrockProviderFactory.TYPE, 400, ErrorTypes.INVALID_REQUEST, null,
                e.getMessage(), null);
    }

    private HttpRequest request(URI uri, byte[] body, String accept) {
        var headers = signer.sign(uri, Map.of("Content-Type", "application/json", "Accept", accept), body);
        var builder = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        return builder.build();
    }

    @Override
    public String toString() {
        return "BedrockProvider[deployment=" + settings.name() + ", base=" + base + ", signer=" + signer + "]";
    }
}
