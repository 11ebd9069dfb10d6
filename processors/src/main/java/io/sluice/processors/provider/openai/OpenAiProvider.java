package io.sluice.processors.provider.openai;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderCall;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.ProviderError;
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

/**
 * One OpenAI-compatible deployment: {@code POST {base-url}/chat/completions} with the shared
 * non-blocking client. The deployment timeout bounds the whole call, body included.
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
            return CompletableFuture.completedFuture(ProviderError.forStatus(
                    OpenAiProviderFactory.TYPE, 400, ErrorTypes.INVALID_REQUEST, null, e.getMessage(), null));
        }
        Duration timeout = settings.timeout();
        var result = new CompletableFuture<ProviderResult>();
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request(body, timeout), HttpResponse.BodyHandlers.ofByteArray());
        ScheduledFuture<?> deadline = scheduler.schedule(() -> {
            if (result.complete(ProviderError.timedOut(OpenAiProviderFactory.TYPE, timeout))) {
                exchange.cancel(true);
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        exchange.whenComplete((response, failure) -> {
            deadline.cancel(false);
            result.complete(failure == null
                    ? OpenAiResponses.parse(response.statusCode(), response.body(), response.headers(), call,
                            clock.instant())
                    : OpenAiResponses.failure(failure, timeout));
        });
        return result;
    }

    private HttpRequest request(String body, Duration timeout) {
        var builder = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (settings.apiKey() != null) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        return builder.build();
    }
}
