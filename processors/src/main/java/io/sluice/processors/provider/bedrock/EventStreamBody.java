package io.sluice.processors.provider.bedrock;

import io.sluice.processors.provider.ProviderResult;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.BiFunction;

/**
 * Feeds a streamed {@code application/vnd.amazon.eventstream} body to {@link EventStreamDecoder}
 * and its frames to {@link BedrockStream} as the HTTP client reads them, on its thread. Completes
 * the call's result as soon as the stream says it is over; stops reading, dropping the connection,
 * when the bytes are not a valid event stream or the result is done for another reason (a
 * deadline, a cancellation). No frame is passed on once the result is done.
 */
final class EventStreamBody implements HttpResponse.BodySubscriber<ProviderResult> {
    private final EventStreamDecoder decoder = new EventStreamDecoder();
    private final BedrockStream stream;
    private final CompletableFuture<ProviderResult> result;
    private final CompletableFuture<ProviderResult> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    EventStreamBody(BedrockStream stream, CompletableFuture<ProviderResult> result) {
        this.stream = stream;
        this.result = result;
    }

    /**
     * A body handler that decodes a 2xx body as an event stream into {@code stream} and reads any
     * other whole, handing it to {@code notOk} (status, headers and bytes) to map to an error.
     */
    static HttpResponse.BodyHandler<ProviderResult> bodyHandler(BedrockStream stream,
            CompletableFuture<ProviderResult> result, BiFunction<HttpResponse.ResponseInfo, byte[], ProviderResult> notOk) {
        return info -> {
            if (info.statusCode() / 100 == 2) {
                stream.requestId(info.headers().firstValue("x-amzn-requestid").orElse(null));
                return new EventStreamBody(stream, result);
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
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                if (result.isDone()) {
                    return;
                }
                decoder.feed(buffer, this::frame);
            }
        } catch (EventStreamDecoder.MalformedFrameException e) {
            result.complete(BedrockStream.broken("the provider's event stream is malformed: " + e.getMessage()));
            subscription.cancel();
        }
    }

    private void frame(EventStreamDecoder.Message message) {
        if (result.isDone()) {
            return;
        }
        ProviderResult end = stream.event(message);
        if (end != null) {
            result.complete(end);
        }
    }

    @Override
    public void onError(Throwable failure) {
        // the exchange's future fails with it, and ProviderHttp maps it to an error there
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(decoder.hasPartialFrame()
                ? BedrockStream.broken("the provider's event stream ended in the middle of a frame")
                : stream.end());
    }

    @Override
    public CompletionStage<ProviderResult> getBody() {
        return body;
    }
}
