package io.sluice.processors.provider;

import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.concurrent.Flow;

/**
 * Feeds the lines of a streamed body to a {@link LineStream} as the HTTP client reads them, on
 * its thread. Completes the call's result as soon as the stream says it is over ({@code [DONE]}, an
 * error event), and stops reading, dropping the connection, when the result is done for any other
 * reason (a deadline, a cancellation) or the stream broke.
 */
public final class StreamLines implements Flow.Subscriber<String> {
    private final LineStream stream;
    private final CompletableFuture<ProviderResult> result;
    private volatile Flow.Subscription subscription;

    public StreamLines(LineStream stream, CompletableFuture<ProviderResult> result) {
        this.stream = stream;
        this.result = result;
    }

    /**
     * A body handler that feeds a 2xx body line by line to {@code stream} and reads any other whole,
     * handing it to {@code notOk} (status, headers and bytes) to map to an error.
     */
    public static HttpResponse.BodyHandler<ProviderResult> bodyHandler(LineStream stream,
            CompletableFuture<ProviderResult> result, BiFunction<HttpResponse.ResponseInfo, byte[], ProviderResult> notOk) {
        return info -> {
            if (info.statusCode() / 100 == 2) {
                var lines = new StreamLines(stream, result);
                return HttpResponse.BodySubscribers.fromLineSubscriber(lines, StreamLines::end, StandardCharsets.UTF_8, null);
            }
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
                    bytes -> notOk.apply(info, bytes));
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        result.whenComplete((done, failure) -> {
            if (failure != null || done instanceof ProviderError) {
                subscription.cancel();
            }
        });
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (result.isDone()) {
            return;
        }
        ProviderResult end = stream.line(line);
        if (end != null) {
            result.complete(end);
        }
    }

    @Override
    public void onError(Throwable failure) {
        // the exchange's future fails with it, and the provider maps it to an error there
    }

    @Override
    public void onComplete() {
        // the finisher, end(), gives the result
    }

    /** The body ended: the stream's result ({@code result} may already be done, which is fine). */
    public ProviderResult end() {
        return stream.end();
    }
}
