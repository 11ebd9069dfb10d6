package io.sluice.ingress;

import io.sluice.avro.MetricsRecord;
import io.sluice.avro.Sketch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Builds {@code Sketch} and {@code MetricsRecord} values as a producer of the metrics topic would. */
final class Sketches {
    static final double ALPHA = 0.01;

    private Sketches() {
    }

    /** The sketch of {@code valuesMs}, by the definition in {@code Sketch.avsc}. */
    static Sketch of(double alpha, double... valuesMs) {
        double gamma = (1 + alpha) / (1 - alpha);
        long zeros = 0;
        TreeMap<Integer, Long> buckets = new TreeMap<>();
        for (double v : valuesMs) {
            if (v <= QuantileSketch.ZERO_MS) {
                zeros++;
            } else {
                buckets.merge((int) Math.ceil(Math.log(v) / Math.log(gamma)), 1L, Long::sum);
            }
        }
        List<Long> counts = new ArrayList<>();
        int offset = buckets.isEmpty() ? 0 : buckets.firstKey();
        if (!buckets.isEmpty()) {
            for (int i = offset; i <= buckets.lastKey(); i++) {
                counts.add(buckets.getOrDefault(i, 0L));
            }
        }
        return new Sketch(alpha, zeros, offset, counts);
    }

    /** A minute of {@code tenant} x {@code model} with one successful request per latency, costing {@code costMicros} in all. */
    static MetricsRecord minute(String tenant, String model, Instant start, long revision, long costMicros,
                                double... latenciesMs) {
        return MetricsRecord.newBuilder()
                .setTenantId(tenant)
                .setModel(model)
                .setWindowStart(start)
                .setWindowEnd(start.plus(Duration.ofMinutes(1)))
                .setRevision(revision)
                .setRequests(latenciesMs.length)
                .setSuccesses(latenciesMs.length)
                .setLatency(of(ALPHA, latenciesMs))
                .setTtft(of(ALPHA))
                .setCostMicros(costMicros)
                .setUpdatedAt(start.plus(Duration.ofMinutes(1)))
                .build();
    }
}
