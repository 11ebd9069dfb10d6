package io.sluice.processors.invoker;

import java.time.Duration;

/**
 * How the invoker retries, falls back and protects deployments.
 *
 * @param maxAttempts      the most provider calls for one request, across all its deployments and
 *                         fallbacks; 1 means no retry and no fallback
 * @param initialBackoff   the first retry's backoff ceiling; each later retry doubles it (full
 *                         jitter: the wait is uniform between zero and the ceiling)
 * @param maxBackoff       the ceiling's ceiling
 * @param maxRetryAfter    the longest {@code Retry-After} the invoker waits out; a longer one moves
 *                         the request on to a fallback, or answers 429 with it
 * @param failureThreshold consecutive failures (5xx, timeouts, unreachable) that open a deployment's circuit
 * @param openFor          how long an open circuit keeps calls away before one probe is let through
 */
public record ResiliencePolicy(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        int failureThreshold,
        Duration openFor) {

    public static final ResiliencePolicy DEFAULT = new ResiliencePolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2),
            Duration.ofSeconds(10), 5, Duration.ofSeconds(30));

    public ResiliencePolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("invoker.retry.max-attempts must be at least 1");
        }
        requireNotNegative("invoker.retry.initial-backoff", initialBackoff);
        requireNotNegative("invoker.retry.max-backoff", maxBackoff);
        requireNotNegative("invoker.retry.max-retry-after", maxRetryAfter);
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("invoker.circuit.failure-threshold must be at least 1");
        }
        requireNotNegative("invoker.circuit.open-for", openFor);
        if (openFor.isZero()) {
            throw new IllegalArgumentException("invoker.circuit.open-for must be positive");
        }
    }

    /** The backoff ceiling before retry number {@code retry} (1 for the first retry). */
    Duration backoffCeiling(int retry) {
        long ceiling = initialBackoff.toMillis();
        for (int i = 1; i < retry && ceiling < maxBackoff.toMillis(); i++) {
            ceiling *= 2;
        }
        return Duration.ofMillis(Math.min(ceiling, maxBackoff.toMillis()));
    }

    private static void requireNotNegative(String path, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(path + " must be given and not negative");
        }
    }
}
