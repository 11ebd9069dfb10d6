package io.sluice.ingress;

import io.sluice.avro.Sketch;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Builds {@code Sketch} records from values by the definition in {@code Sketch.avsc}, as a producer of the metrics topic would. */
final class Sketches {
    private Sketches() {
    }

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
}
