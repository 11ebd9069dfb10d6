package io.sluice.processors.provider.openai;

import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Feeds the lines of a streamed body to an {@link OpenAiStream} as the HTTP client reads them, on
 * its thread. Completes the call's result as soon as the stream says it is over ({@code [DONE]}, an
 * error event), and stops reading, dropping the connection, when the result is done for any other
 * reason (a deadline, a cancellation) or the stream broke.
 */
final class StreamLines implements Flow.Subscriber<String> {
    private final OpenAiStream stream;
    private final CompletableFuture<ProviderResult> result;
    private volatile Flow.Subscription subscription;

    StreamLines(OpenAiStream stream, CompletableFuture<ProviderResult> result) {
        this.stream = stream;
        this.result = result;
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
    ProviderResult end() {
        return stream.end();
    }
}
