package io.sluice.schemas.metrics;

import io.sluice.avro.Sketch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A mergeable quantile sketch of durations in milliseconds with a bounded relative error: a value
 * v falls in bucket {@code ceil(log(v) / log(gamma))}, {@code gamma = (1 + alpha) / (1 - alpha)},
 * and a quantile is answered with the bucket's midpoint {@code 2 gamma^i / (gamma + 1)}, within
 * {@code alpha} of the true value. Two sketches with the same alpha merge by adding counts, so
 * per-minute sketches add up to hours, models up to tenants, without averaging percentiles. The
 * bucket array grows to the range actually seen (about 230 buckets per decade of values at 1 %).
 */
public final class QuantileSketch {
    /** The relative accuracy Sluice publishes at. */
    public static final double DEFAULT_ALPHA = 0.01;
    /** Values at or below one microsecond count as zero. */
    private static final double MIN_VALUE = 1e-3;

    private final double alpha;
    private final double logGamma;
    private long zeroCount;
    private int offset;
    private long[] counts = new long[0];
    private long total;

    public QuantileSketch() {
        this(DEFAULT_ALPHA);
    }

    public QuantileSketch(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
        this.alpha = alpha;
        this.logGamma = Math.log((1 + alpha) / (1 - alpha));
    }

    /** A sketch holding what {@code sketch} holds. */
    public static QuantileSketch of(Sketch sketch) {
        var copy = new QuantileSketch(sketch.getAlpha());
        copy.merge(sketch);
        return copy;
    }

    public void add(double millis) {
        if (!(millis > MIN_VALUE)) {
            zeroCount++;
            total++;
            return;
        }
        int index = (int) Math.ceil(Math.log(millis) / logGamma);
        grow(index, index);
        counts[index - offset]++;
        total++;
    }

    /** Adds {@code other}'s counts; it must have the same alpha. */
    public void merge(Sketch other) {
        if (Double.compare(other.getAlpha(), alpha) != 0) {
            throw new IllegalArgumentException("cannot merge a sketch of alpha " + other.getAlpha() + " into " + alpha);
        }
        zeroCount += other.getZeroCount();
        total += other.getZeroCount();
        List<Long> theirs = other.getCounts();
        if (theirs.isEmpty()) {
            return;
        }
        grow(other.getOffset(), other.getOffset() + theirs.size() - 1);
        for (int i = 0; i < theirs.size(); i++) {
            long n = theirs.get(i);
            counts[other.getOffset() + i - offset] += n;
            total += n;
        }
    }

    public long count() {
        return total;
    }

    /**
     * The value at quantile {@code q} in [0, 1] by nearest rank (the smallest value with at least
     * {@code q} of all values at or below it), within alpha of the true one; 0 when empty.
     */
    public double quantile(double q) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(0, (long) Math.ceil(q * total) - 1);
        if (rank < zeroCount) {
            return 0;
        }
        long seen = zeroCount;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen > rank) {
                double gamma = Math.exp(logGamma);
                return 2 * Math.pow(gamma, offset + i) / (gamma + 1);
            }
        }
        throw new IllegalStateException("counts do not add up to " + total);
    }

    /** The sketch as its Avro record, trimmed to the buckets in use. */
    public Sketch toAvro() {
        int first = 0;
        int last = counts.length - 1;
        while (first <= last && counts[first] == 0) {
            first++;
        }
        while (last >= first && counts[last] == 0) {
            last--;
        }
        List<Long> used = new ArrayList<>(Math.max(0, last - first + 1));
        for (int i = first; i <= last; i++) {
            used.add(counts[i]);
        }
        return Sketch.newBuilder()
                .setAlpha(alpha)
                .setZeroCount(zeroCount)
                .setOffset(used.isEmpty() ? 0 : offset + first)
                .setCounts(used)
                .build();
    }

    private void grow(int low, int high) {
        if (counts.length == 0) {
            offset = low;
            counts = new long[high - low + 1];
            return;
        }
        int newLow = Math.min(low, offset);
        int newHigh = Math.max(high, offset + counts.length - 1);
        if (newLow == offset && newHigh == offset + counts.length - 1) {
            return;
        }
        long[] grown = new long[newHigh - newLow + 1];
        System.arraycopy(counts, 0, grown, offset - newLow, counts.length);
        counts = grown;
        offset = newLow;
    }

    @Override
    public String toString() {
        return "QuantileSketch[alpha=" + alpha + ", count=" + total + ", zero=" + zeroCount + ", offset=" + offset
                + ", counts=" + Arrays.toString(counts) + "]";
    }
}
