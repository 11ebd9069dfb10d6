package io.sluice.processors.provider;

/**
 * Where a streaming provider call delivers the answer as it arrives (see
 * {@link Provider#stream(ProviderCall, StreamSink)} for the contract). Implementations must be quick
 * and must never block nor throw: they run on a provider's thread, such as the HTTP client's
 * selector thread.
 */
public interface StreamSink {

    /**
     * The next piece of the first choice's content, never empty. Pieces arrive in order, one at a
     * time, and their concatenation is that choice's whole text.
     */
    void delta(String content);

    /**
     * The model the provider says answers, when it says so before the content: called at most once,
     * before the first {@link #delta}. Providers that do not know it early never call it.
     */
    default void model(String responseModel) {}
}
