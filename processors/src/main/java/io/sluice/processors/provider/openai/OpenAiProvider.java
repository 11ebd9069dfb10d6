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
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One OpenAI-compatible deployment: {@code POST {base-url}/chat/completions} with the shared
 * non-blocking client. The deployment timeout bounds the whole call, body included, streamed or
 * not. Completing the returned future exceptionally, or cancelling it, aborts the exchange.
 *
 * <p>A streamed call reads the server-sent events line by line as they arrive
 * ({@link OpenAiStream}); an HTTP error status before the stream is read whole and mapped like a
 * non-streamed one.
 */
final class OpenAiProvider implements Provider {
    private final DeploymentSettings settings;
    private final URI endpoint;
    private final ProviderContext context;
    private final Clock clock;

    OpenAiProvider(DeploymentSettings settings, URI baseUrl, ProviderContext context) {
        this.settings = settings;
        this.endpoint = chatCompletions(baseUrl);
        this.context = context;
        this.clock = context.clock();
    }

    static URI chatCompletions(URI baseUrl) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/chat/completions");
    }

    @Override
    public CompletableFuture<ProviderResult> complete(ProviderCall call) {
        String body;
        try {
            body = OpenAiRequests.json(call);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(invalid(e));
        }
        return ProviderHttp.send(context, OpenAiProviderFactory.TYPE, settings.timeout(), request(body, "application/json"),
                new CompletableFuture<>(), HttpResponse.BodyHandlers.ofByteArray(),
                response -> OpenAiResponses.parse(response.statusCode(), response.body(), response.headers(), call,
                        clock.instant()));
    }

    @Override
    public CompletableFuture<ProviderResult> stream(ProviderCall call, StreamSink sink) {
        String body;
        try {
            body = OpenAiRequests.json(call, true);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(invalid(e));
        }
        var result = new CompletableFuture<ProviderResult>();
        var handler = StreamLines.bodyHandler(new OpenAiStream(call, sink), result,
                (info, bytes) -> OpenAiResponses.parse(info.statusCode(), bytes, info.headers(), call, clock.instant()));
        return ProviderHttp.send(context, OpenAiProviderFactory.TYPE, settings.timeout(), request(body, "text/event-stream"),
                result, handler, HttpResponse::body);
    }

    private static ProviderError invalid(IllegalArgumentException e) {
        return ProviderError.forStatus(OpenAiProviderFactory.TYPE, 400, ErrorTypes.INVALID_REQUEST, null,
                e.getMessage(), null);
    }

    private HttpRequest request(String body, String accept) {
        var builder = HttpRequest.newBuilder(endpoint)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (settings.apiKey() != null) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        return builder.build();
    }
}
