package io.sluice.processors.provider;

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
 * <p>Streaming is the next seam: it will be a separate method here, taking the call and a sink of
 * chunks, so that providers without streaming need not implement it.
 */
public interface Provider extends AutoCloseable {

    CompletableFuture<ProviderResult> complete(ProviderCall call);

    /** Releases what this provider holds on its own; shared resources belong to the context. */
    @Override
    default void close() {}
}
