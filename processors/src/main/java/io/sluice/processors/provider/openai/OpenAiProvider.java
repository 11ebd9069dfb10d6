package io.sluice.processors.provider.openai;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.processors.provider.StreamSink;
import io.sluice.schemas.ErrorTypes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    OpenAiProvider(DeploymentSettings settings, URI baseUrl, ProviderContext context) {
        this.settings = settings;
        this.endpoint = chatCompletions(baseUrl);
        this.client = context.httpClient();
        this.scheduler = context.scheduler();
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
        return exchange(request(body, "application/json"), new CompletableFuture<>(),
                HttpResponse.BodyHandlers.ofByteArray(),
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
        var lines = new StreamLines(new OpenAiStream(call, sink), result);
        HttpResponse.BodyHandler<ProviderResult> handler = info -> info.statusCode() / 100 == 2
                ? HttpResponse.BodySubscribers.fromLineSubscriber(lines, StreamLines::end, StandardCharsets.UTF_8, null)
                : HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
                        bytes -> OpenAiResponses.parse(info.statusCode(), bytes, info.headers(), call,
                                clock.instant()));
        return exchange(request(body, "text/event-stream"), result, handler, HttpResponse::body);
    }

    /**
     * Sends the request and completes {@code result} with the parsed response, a mapped failure, or
     * a timeout once the deployment's timeout has passed; aborts the exchange if {@code result} is
     * completed exceptionally (cancelled, say) or times out.
     */
    private <T> CompletableFuture<ProviderResult> exchange(HttpRequest request, CompletableFuture<ProviderResult> result,
            HttpResponse.BodyHandler<T> handler, Function<HttpResponse<T>, ProviderResult> parse) {
        Duration timeout = settings.timeout();
        CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(request, handler);
        ScheduledFuture<?> deadline = scheduler.schedule(() -> {
            if (result.complete(ProviderError.timedOut(OpenAiProviderFactory.TYPE, timeout))) {
                exchange.cancel(true);
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((done, failure) -> {
            deadline.cancel(false);
            if (failure != null) {
                exchange.cancel(true);
            }
        });
        exchange.whenComplete((response, failure) -> result.complete(failure == null
                ? parse.apply(response)
                : OpenAiResponses.failure(failure, timeout)));
        return result;
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
