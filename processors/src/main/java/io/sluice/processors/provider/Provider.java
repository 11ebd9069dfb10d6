package io.sluice.processors.provider;

import io.sluice.avro.Choice;
import io.sluice.processors.provider.ProviderResult.Completion;
import java.util.concurrent.CompletableFuture;

/**
 * A model provider bound to one deployment. Calls never block the caller: the answer arrives
 * through the returned future, on a thread of the provider's choosing.
 *
 * <p>Contract: the future completes within the deployment's timeout; every expected failure
 * (HTTP error, refused connection, timeout, malformed answer) completes it normally with a
 * {@link ProviderResult.ProviderError}. Exceptional completion means a bug, and callers turn it
 * into an error response too.
 *
 * <p>Streaming is a second method with a default, so that providers without streaming need not
 * implement it.
 */
public interface Provider extends AutoCloseable {

    CompletableFuture<ProviderResult> complete(ProviderCall call);

    /**
     * Makes the call and delivers the first choice's content to {@code sink} as it arrives.
     *
     * <p>Contract: deltas are delivered in order, never concurrently, on any thread (possibly the
     * caller's, before this method returns), and the sink must not block. The future completes like
     * {@link #complete}'s: with a {@link Completion} whose choices hold the <em>whole</em> text (so
     * that the response, the audit and the cost are exact) and the usage the provider reported, or
     * with a {@link ProviderResult.ProviderError}. An error after deltas were delivered means the
     * stream broke after its first byte. No delta is delivered once the future is done.
     *
     * <p>Cancelling the returned future, or completing it exceptionally (a caller's deadline, say,
     * through {@link CompletableFuture#orTimeout}), aborts the upstream call. This is the seam for
     * a requester who goes away.
     *
     * <p>This default is the real fallback for providers that cannot stream: it calls
     * {@link #complete} and delivers the first choice's whole content as one delta when the
     * completion arrives; cancelling it cancels the future {@code complete} returned.
     */
    default CompletableFuture<ProviderResult> stream(ProviderCall call, StreamSink sink) {
        CompletableFuture<ProviderResult> upstream = complete(call);
        var result = new CompletableFuture<ProviderResult>();
        result.whenComplete((done, failure) -> {
            if (failure != null) {
                upstream.cancel(true);
            }
        });
        upstream.whenComplete((answer, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            if (!result.isDone() && answer instanceof Completion completion && !completion.choices().isEmpty()) {
                Choice first = completion.choices().get(0);
                String content = first.getMessage() == null ? null : first.getMessage().getContent();
                if (completion.responseModel() != null) {
                    sink.model(completion.responseModel());
                }
                if (content != null && !content.isEmpty()) {
                    sink.delta(content);
                }
            }
            result.complete(answer);
        });
        return result;
    }

    /** Releases what this provider holds on its own; shared resources belong to the context. */
    @Override
    default void close() {}
}
