package io.sluice.processors.invoker;

import java.time.Instant;
import java.util.Objects;

/**
 * When a provider call started and ended.
 *
 * @param firstByteAt   when the first piece of a streamed answer arrived, or null (not streamed,
 *                      or nothing arrived)
 * @param providerNanos time spent waiting for the provider (monotonic clock)
 */
record CallTimes(Instant invokeStartedAt, Instant firstByteAt, Instant completedAt, long providerNanos, int attempts) {
    CallTimes {
        Objects.requireNonNull(invokeStartedAt, "invokeStartedAt");
        Objects.requireNonNull(completedAt, "completedAt");
        providerNanos = Math.max(0, providerNanos);
    }

    /** The times of a call that streamed nothing. */
    CallTimes(Instant invokeStartedAt, Instant completedAt, long providerNanos) {
        this(invokeStartedAt, null, completedAt, providerNanos, 1);
    }
}
