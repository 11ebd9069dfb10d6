package io.sluice.processors.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * What the batch coordinator decides with.
 *
 * @param applicationId    the Kafka Streams application id (consumer group, state directory)
 * @param tick             how often the coordinator expands lines, publishes changed states and
 *                         checks deadlines
 * @param sliceLines       the most lines of one batch sent to {@code requests} per tick
 * @param maxInFlight      the most requests of one batch sent and not yet answered; expansion
 *                         waits below it, so a cancel has little to call back
 * @param cancelGrace      how long a cancelling batch waits for the answers of requests already
 *                         sent before it ends as cancelled without them
 * @param nativeQuietPeriod a Kafka-native batch declared without a count completes once no
 *                         response of it arrived for this long
 * @param chunkBytes       the largest chunk of an output or error file on the {@code files} topic
 */
public record BatchSettings(String applicationId, Duration tick, int sliceLines, int maxInFlight,
        Duration cancelGrace, Duration nativeQuietPeriod, int chunkBytes) {
    public static final int DEFAULT_CHUNK_BYTES = 256 * 1024;

    public BatchSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        requirePositive(tick, "tick");
        requirePositive(cancelGrace, "cancelGrace");
        requirePositive(nativeQuietPeriod, "nativeQuietPeriod");
        if (sliceLines < 1 || maxInFlight < 1 || chunkBytes < 1024) {
            throw new IllegalArgumentException("batch slice, in-flight and chunk sizes must be positive (chunks >= 1 KiB)");
        }
    }

    /** A tick a second, 500 lines a tick, 2,000 in flight, 10 minutes to cancel, 5 minutes of quiet, 256 KiB chunks. */
    public static BatchSettings defaults(String applicationId) {
        return new BatchSettings(applicationId, Duration.ofSeconds(1), 500, 2_000, Duration.ofMinutes(10),
                Duration.ofMinutes(5), DEFAULT_CHUNK_BYTES);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
