package io.sluice.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * How the mock upstream streams an answer to {@code "stream": true}: {@code chunks} content chunks, the
 * first {@code firstTokenDelay} after the request, the others {@code chunkDelay} apart (on a fixed
 * schedule from the first, so a late timer does not stretch the stream).
 */
public record StreamShape(int chunks, Duration firstTokenDelay, Duration chunkDelay) {

    public StreamShape {
        Objects.requireNonNull(firstTokenDelay, "firstTokenDelay");
        Objects.requireNonNull(chunkDelay, "chunkDelay");
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be at least 1, was " + chunks);
        }
        if (firstTokenDelay.isNegative()) {
            throw new IllegalArgumentException("firstTokenDelay must not be negative, was " + firstTokenDelay);
        }
        if (chunkDelay.isNegative()) {
            throw new IllegalArgumentException("chunkDelay must not be negative, was " + chunkDelay);
        }
    }

    /** 20 chunks, the first at once, then one every 5 ms (about 100 ms per stream). */
    public static StreamShape defaults() {
        return new StreamShape(20, Duration.ZERO, Duration.ofMillis(5));
    }

    /** When content chunk {@code i} (0-based) is due, in nanoseconds after the request. */
    long dueNanos(int i) {
        return firstTokenDelay.toNanos() + i * chunkDelay.toNanos();
    }

    @Override
    public String toString() {
        return chunks + " chunks, first after " + firstTokenDelay.toMillis() + " ms, then every "
                + chunkDelay.toMillis() + " ms";
    }
}
