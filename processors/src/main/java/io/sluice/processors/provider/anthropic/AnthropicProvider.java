package io.sluice.processors.provider.anthropic;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderHttp;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.StreamLines;
import io.sluice.processors.provider.StreamSink;
import io.sluice.schemas.ErrorTypes;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * One Anthropic deployment: {@code POST {base-url}/v1/messages} with the shared non-blocking
 * client. The deployment timeout bounds the whole call, body included, streamed or not. Completing
 * the returned future exceptionally, or cancelling it, aborts the exchange.
 *
 * <p>A streamed call reads the server-sent events line by line as they arrive
 * ({@link AnthropicStream}); an HTTP error status before the stream is read whole and mapped like a
 * non-streamed one. A request the Messages API cannot express is answered at once with a 400
 * {@code invalid_request_error}, without a call.
 */
final class AnthropicProvider implements Provider {
    private final DeploymentSettings settings;
    private final AnthropicSettings anthropic;
    private final ProviderContext context;
    private final Clock clock;

    AnthropicProvider(DeploymentSettings settings, AnthropicSettings anthropic, ProviderContext context) {
        this.settings = settings;
        this.anthropic = anthropic;
        this.context = context;
        this.clock = context.clock();
    }

    @Override
    public CompletableFuture<ProviderResult> complete(ProviderCall call) {
        String body;
        try {
            body = AnthropicRequests.json(call, false, anthropic.defaultMaxTokens());
        } catch (AnthropicRequests.Rejected e) {
            return CompletableFuture.completedFuture(rejected(e));
        }
        return ProviderHttp.send(context, AnthropicProviderFactory.TYPE, settings.timeout(),
                request(body, "application/json"), new CompletableFuture<>(), HttpResponse.BodyHandlers.ofByteArray(),
                response -> AnthropicResponses.parse(response.statusCode(), response.body(), response.headers(), call,
                        clock.instant()));
    }

    @Override
    public CompletableFuture<ProviderResult> stream(ProviderCall call, StreamSink sink) {
        String body;
        try {
            body = AnthropicRequests.json(call, true, anthropic.defaultMaxTokens());
        } catch (AnthropicRequests.Rejected e) {
            return CompletableFuture.completedFuture(rejected(e));
        }
        var result = new CompletableFuture<ProviderResult>();
        var handler = StreamLines.bodyHandler(new AnthropicStream(call, sink), result,
                (info, bytes) -> AnthropicResponses.parse(info.statusCode(), bytes, info.headers(), call,
                        clock.instant()));
        return ProviderHttp.send(context, AnthropicProviderFactory.TYPE, settings.timeout(),
                request(body, "text/event-stream"), result, handler, HttpResponse::body);
    }

    private static ProviderError rejected(AnthropicRequests.Rejected e) {
        return new ProviderError(AnthropicProviderFactory.TYPE, 400, ErrorTypes.INVALID_REQUEST,
                e.code(), e.getMessage(), false, null);
    }

    private HttpRequest request(String body, String accept) {
        var builder = HttpRequest.newBuilder(anthropic.endpoint())
                .timeout(settings.timeout())
                .header("content-type", "application/json")
                .header("accept", accept)
                .header("anthropic-version", anthropic.version())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (anthropic.beta() != null) {
            builder.header("anthropic-beta", anthropic.beta());
        }
        if (settings.apiKey() != null) {
            builder.header("x-api-key", settings.apiKey());
        }
        return builder.build();
    }
}
