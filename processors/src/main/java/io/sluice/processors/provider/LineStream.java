package io.sluice.processors.provider;

/**
 * A parser of a line-oriented streamed body (server-sent events, JSON lines), fed one line at a
 * time by {@link StreamLines}. Not thread-safe: lines arrive one at a time, in order.
 */
public interface LineStream {

    /** Takes the next line (without its terminator); returns the call's result once the stream says it is over, else null. */
    ProviderResult line(String line);

    /** The body ended; returns the call's result (an error if the stream had not finished properly). */
    ProviderResult end();
}
