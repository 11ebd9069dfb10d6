package io.sluice.processors.provider.openai;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderHttp;
import io.sluice.processors.provider.StreamLines;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.StreamSink;
import io.sluice.schemas.ErrorTypes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * One OpenAI-compatible deployment: {@code POST} to the dialect's endpoint with the shared
 * non-blocking client. The deployment timeout bounds the whole call, body included, streamed or
 * not. Completing the returned future exceptionally, or cancelling it, aborts the exchange.
 *
 * <p>A streamed call reads the server-sent events line by line as they arrive
 * ({@link OpenAiStream}); an HTTP error status before the stream is read whole and mapped like a
 * non-streamed one.
 */
final class OpenAiProvider implements Provider {
    private final DeploymentSettings settings;
    private final OpenAiDialect dialect;
    private final String provider;
    private final ProviderContext context;
    private final Clock clock;

    OpenAiProvider(DeploymentSettings settings, OpenAiDialect dialect, ProviderContext context) {
        this.settings = settings;
        this.dialect = dialect;
        this.provider = dialect.provider();
        this.context = context;
        this.clock = context.clock();
    }

    @Override
    public CompletableFuture<ProviderResult> complete(ProviderCall call) {
        String body;
        try {
            body = OpenAiRequests.json(call, false, dialect.modelInBody());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(invalid(e));
        }
        return ProviderHttp.send(context, provider, settings.timeout(), request(call, body, "application/json"),
                new CompletableFuture<>(), HttpResponse.BodyHandlers.ofByteArray(),
                response -> OpenAiResponses.parse(provider, response.statusCode(), response.body(), response.headers(),
                        call, clock.instant()));
    }

    @Override
    public CompletableFuture<ProviderResult> stream(ProviderCall call, StreamSink sink) {
        String body;
        try {
            body = OpenAiRequests.json(call, true, dialect.modelInBody());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(invalid(e));
        }
        var result = new CompletableFuture<ProviderResult>();
        var handler = StreamLines.bodyHandler(new OpenAiStream(provider, call, sink), result,
                (info, bytes) -> OpenAiResponses.parse(provider, info.statusCode(), bytes, info.headers(), call,
                        clock.instant()));
        return ProviderHttp.send(context, provider, settings.timeout(), request(call, body, "text/event-stream"),
                result, handler, HttpResponse::body);
    }

    private ProviderError invalid(IllegalArgumentException e) {
        return ProviderError.forStatus(provider, 400, ErrorTypes.INVALID_REQUEST, null, e.getMessage(), null);
    }

    private HttpRequest request(ProviderCall call, String body, String accept) {
        var builder = HttpRequest.newBuilder(dialect.endpoint().apply(call))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        dialect.authentication().accept(builder);
        return builder.build();
    }
}
