package io.sluice.bench;

import java.util.Objects;

/**
 * What Sluice adds at the same fixed rate: each percentile through Sluice minus the same percentile of
 * the upstream alone, in microseconds (a difference of percentiles, not a percentile of differences).
 */
record Overhead(long p50Micros, long p90Micros, long p99Micros) {

    static Overhead between(LoadResult direct, LoadResult sluice) {
        Objects.requireNonNull(direct, "direct");
        Objects.requireNonNull(sluice, "sluice");
        return new Overhead(
                sluice.percentileMicros(50) - direct.percentileMicros(50),
                sluice.percentileMicros(90) - direct.percentileMicros(90),
                sluice.percentileMicros(99) - direct.percentileMicros(99));
    }
}
