package io.sluice.processors.provider.oci;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderHttp;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.StreamLines;
import io.sluice.processors.provider.StreamSink;
import io.sluice.processors.provider.oci.OciRequests.ApiFormat;
import io.sluice.schemas.ErrorTypes;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * One OCI Generative AI deployment: a signed {@code POST {base-url}/20231130/actions/chat} with the
 * shared non-blocking client. The deployment timeout bounds the whole call, body included, streamed
 * or not; completing the returned future exceptionally, or cancelling it, aborts the exchange. A
 * streamed call reads the server-sent events as they arrive ({@link OciStream}); an HTTP error
 * status before the stream is read whole and mapped like a non-streamed one.
 */
final class OciProvider implements Provider {
    private final DeploymentSettings settings;
    private final URI endpoint;
    private final String compartment;
    private final ApiFormat format;
    private final OciSigner signer;
    private final ProviderContext context;
    private final Clock clock;
    private final String secret;

    OciProvider(DeploymentSettings settings, URI baseUrl, String compartment, ApiFormat format, OciSigner signer,
            ProviderContext context) {
        this.settings = settings;
        this.endpoint = chat(baseUrl);
        this.compartment = compartment;
        this.format = format;
        this.signer = signer;
        this.context = context;
        this.clock = context.clock();
        this.secret = settings.credentials().get("passphrase");
    }

    static URI chat(URI baseUrl) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/20231130/actions/chat");
    }

    @Override
    public CompletableFuture<ProviderResult> complete(ProviderCall call) {
        HttpRequest request;
        try {
            request = request(OciRequests.json(call, compartment, format, false), "application/json");
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(invalid(e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unsigned(e));
        }
        return ProviderHttp.send(context, OciProviderFactory.TYPE, settings.timeout(), request,
                new CompletableFuture<>(), HttpResponse.BodyHandlers.ofByteArray(),
                response -> OciResponses.parse(response.statusCode(), response.body(), response.headers(),
                        call.upstreamModel(), clock.instant(), secret));
    }

    @Override
    public CompletableFuture<ProviderResult> stream(ProviderCall call, StreamSink sink) {
        HttpRequest request;
        try {
            request = request(OciRequests.json(call, compartment, format, true), "text/event-stream");
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(invalid(e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(unsigned(e));
        }
        var result = new CompletableFuture<ProviderResult>();
        HttpResponse.BodyHandler<ProviderResult> handler = info -> StreamLines.bodyHandler(
                new OciStream(format, call.upstreamModel(), info.headers().firstValue("opc-request-id").orElse(null),
                        sink, secret),
                result,
                (notOk, bytes) -> OciResponses.parse(notOk.statusCode(), bytes, notOk.headers(), call.upstreamModel(),
                        clock.instant(), secret))
                .apply(info);
        return ProviderHttp.send(context, OciProviderFactory.TYPE, settings.timeout(), request, result, handler,
                HttpResponse::body);
    }

    private HttpRequest request(String body, String accept) {
        var builder = HttpRequest.newBuilder(endpoint)
                .timeout(settings.timeout())
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signer.headers(endpoint, body, clock.instant()).forEach(builder::header);
        return builder.build();
    }

    private static ProviderError invalid(IllegalArgumentException e) {
        return ProviderError.forStatus(OciProviderFactory.TYPE, 400, ErrorTypes.INVALID_REQUEST, null, e.getMessage(),
                null);
    }

    private static ProviderError unsigned(RuntimeException e) {
        return new ProviderError(OciProviderFactory.TYPE, 500, ErrorTypes.SERVER_ERROR, null,
                "the request could not be signed (" + e.getClass().getSimpleName() + ")", false, null);
    }
}
