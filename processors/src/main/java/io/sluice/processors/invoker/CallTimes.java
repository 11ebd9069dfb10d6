package io.sluice.processors.invoker;

import java.time.Instant;
import java.util.Objects;

/**
 * When a provider call started and ended.
 *
 * @param providerNanos time spent waiting for the provider (monotonic clock)
 */
record CallTimes(Instant invokeStartedAt, Instant completedAt, long providerNanos) {
    CallTimes {
        Objects.requireNonNull(invokeStartedAt, "invokeStartedAt");
        Objects.requireNonNull(completedAt, "completedAt");
        providerNanos = Math.max(0, providerNanos);
    }
}
