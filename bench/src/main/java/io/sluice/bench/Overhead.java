package io.sluice.bench;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What Sluice adds at the same fixed rate: each percentile through Sluice minus the same percentile of
 * the upstream alone, in microseconds (a difference of percentiles, not a percentile of differences).
 */
record Overhead(long p50Micros, long p90Micros, long p99Micros) {

    /** Of the latencies (the total time, for streams). */
    static Overhead between(LoadResult direct, LoadResult sluice) {
        Objects.requireNonNull(direct, "direct");
        Objects.requireNonNull(sluice, "sluice");
        return between(direct.latencyMicros(), sluice.latencyMicros());
    }

    /** Of the time to first token of two streamed phases. */
    static Overhead ofFirstToken(LoadResult direct, LoadResult sluice) {
        if (direct.streams() == null || sluice.streams() == null) {
            throw new IllegalArgumentException("time to first token needs two streamed phases");
        }
        return between(direct.streams().ttftMicros(), sluice.streams().ttftMicros());
    }

    private static Overhead between(Histogram direct, Histogram sluice) {
        return new Overhead(
                percentile(sluice, 50) - percentile(direct, 50),
                percentile(sluice, 90) - percentile(direct, 90),
                percentile(sluice, 99) - percentile(direct, 99));
    }

    private static long percentile(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile);
    }
}
