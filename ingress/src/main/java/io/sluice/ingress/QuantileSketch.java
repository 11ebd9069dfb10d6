package io.sluice.ingress;

import io.sluice.avro.Sketch;
import java.util.Arrays;
import java.util.List;

/**
 * The latency sketch of a {@code MetricsRecord} ({@code Sketch.avsc}) as the dashboard uses it:
 * merged across minutes, models and tenants by adding counts bucket by bucket, then asked for
 * quantiles. Percentiles of several records cannot be averaged into a percentile of their union;
 * merged sketches can, within the sketch's relative accuracy.
 *
 * <p>A value {@code v > 0} ms is counted in bucket {@code i = ceil(log(v) / log(gamma))}, which
 * holds {@code (gamma^(i-1), gamma^i]}; a quantile answers the bucket's centre in relative terms,
 * {@code 2 gamma^i / (gamma + 1)}, which is within {@code alpha} of every value in the bucket.
 * Immutable.
 */
final class QuantileSketch {
    /** Finer sketches than this would let one record ask for an unbounded bucket array. */
    static final double MIN_ALPHA = 0.001;
    static final double MAX_ALPHA = 0.5;
    /** Values at or below this many milliseconds (one microsecond) count as zero. */
    static final double ZERO_MS = 0.001;
    /** The longest duration a bucket may stand for: about 116 days, far beyond any request. */
    static final double MAX_MS = 1e10;

    static final QuantileSketch EMPTY = new QuantileSketch(0, 0, 0, new long[0]);

    private final double alpha;
    private final double logGamma;
    private final long zeroCount;
    private final int offset;
    private final long[] counts;
    private final long count;

    private QuantileSketch(double alpha, long zeroCount, int offset, long[] counts) {
        this.alpha = alpha;
        this.logGamma = alpha == 0 ? 0 : Math.log((1 + alpha) / (1 - alpha));
        this.zeroCount = zeroCount;
        this.offset = offset;
        this.counts = counts;
        long total = zeroCount;
        for (long c : counts) {
            total += c;
        }
        this.count = total;
    }

    /**
     * The sketch a record carries; empty for null. Throws {@link IllegalArgumentException} for a
     * sketch that breaks its definition (negative counts, an accuracy outside
     * [{@value #MIN_ALPHA}, {@value #MAX_ALPHA}], buckets outside one microsecond to
     * {@value #MAX_MS} ms), so that the record holding it is refused as a whole.
     */
    static QuantileSketch of(Sketch sketch) {
        if (sketch == null) {
            return EMPTY;
        }
        List<Long> list = sketch.getCounts();
        long[] counts = new long[list.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = list.get(i);
        }
        return of(sketch.getAlpha(), sketch.getZeroCount(), sketch.getOffset(), counts);
    }

    static QuantileSketch of(double alpha, long zeroCount, int offset, long[] counts) {
        if (zeroCount < 0) {
            throw new IllegalArgumentException("a sketch's zeroCount must not be negative, was " + zeroCount);
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("a sketch's counts must not be negative, was " + counts[i]);
            }
            if (counts[i] > 0) {
                last = i;
                first = first < 0 ? i : first;
            }
        }
        if (first < 0) {
            return zeroCount == 0 ? EMPTY : new QuantileSketch(validAlpha(alpha, true), zeroCount, 0, new long[0]);
        }
        double gamma = (1 + validAlpha(alpha, false)) / (1 - alpha);
        long lowest = (long) offset + first;
        long highest = (long) offset + last;
        if (lowest < index(ZERO_MS, gamma) || highest > index(MAX_MS, gamma)) {
            throw new IllegalArgumentException("a sketch's buckets " + lowest + ".." + highest
                    + " lie outside 1 microsecond to " + MAX_MS + " ms for alpha " + alpha);
        }
        return new QuantileSketch(alpha, zeroCount, (int) lowest, Arrays.copyOfRange(counts, first, last + 1));
    }

    /** A sketch holding only zeros may come with no usable accuracy; any other needs one in range. */
    private static double validAlpha(double alpha, boolean onlyZeros) {
        if (alpha >= MIN_ALPHA && alpha <= MAX_ALPHA) {
            return alpha;
        }
        if (onlyZeros) {
            return 0;
        }
        throw new IllegalArgumentException("a sketch's alpha must be in [" + MIN_ALPHA + ", " + MAX_ALPHA
                + "], was " + alpha);
    }

    private static int index(double valueMs, double gamma) {
        return (int) Math.ceil(Math.log(valueMs) / Math.log(gamma));
    }

    /** How many values the sketch holds. */
    long count() {
        return count;
    }

    double alpha() {
        return alpha;
    }

    /**
     * The sketch of both sketches' values. With the same accuracy that is exact; with different
     * ones, the finer sketch's buckets are counted again in the coarser sketch's buckets (at their
     * centre), so the result's relative error is at most the sum of the two accuracies.
     */
    QuantileSketch merge(QuantileSketch other) {
        return new Merger().add(this).add(other).result();
    }

    /**
     * Merges many sketches into one buffer instead of allocating a sketch per step (a dashboard
     * answer merges every minute of every series it shows). Follows {@link #merge}. Not thread-safe.
     */
    static final class Merger {
        private double alpha;
        private long zeros;
        private int lo;
        private long[] buckets = new long[0];

        Merger add(QuantileSketch sketch) {
            if (sketch.count == 0) {
                return this;
            }
            zeros += sketch.zeroCount;
            if (sketch.counts.length == 0) {
                alpha = buckets.length == 0 ? Math.max(alpha, sketch.alpha) : alpha;
                return this;
            }
            if (buckets.length == 0) {
                alpha = sketch.alpha;
                lo = sketch.offset;
                buckets = sketch.counts.clone();
                return this;
            }
            QuantileSketch same = sketch;
            if (sketch.alpha < alpha) {
                same = sketch.rebucketed(alpha);
            } else if (sketch.alpha > alpha) {
                QuantileSketch current = new QuantileSketch(alpha, 0, lo, buckets).rebucketed(sketch.alpha);
                alpha = sketch.alpha;
                lo = current.offset;
                buckets = current.counts;
            }
            cover(same.offset, same.offset + same.counts.length);
            for (int i = 0; i < same.counts.length; i++) {
                buckets[same.offset + i - lo] += same.counts[i];
            }
            return this;
        }

        /** Widens the buffer to hold buckets {@code from} (inclusive) to {@code to} (exclusive). */
        private void cover(int from, int to) {
            int newLo = Math.min(lo, from);
            int newHi = Math.max(lo + buckets.length, to);
            if (newLo == lo && newHi == lo + buckets.length) {
                return;
            }
            long[] wider = new long[newHi - newLo];
            System.arraycopy(buckets, 0, wider, lo - newLo, buckets.length);
            lo = newLo;
            buckets = wider;
        }

        QuantileSketch result() {
            if (zeros == 0 && buckets.length == 0) {
                return EMPTY;
            }
            return new QuantileSketch(alpha, zeros, lo, buckets.clone());
        }
    }

    /** This sketch's values, each bucket counted at its centre, in the buckets of accuracy {@code coarserAlpha}. */
    private QuantileSketch rebucketed(double coarserAlpha) {
        double gamma = (1 + coarserAlpha) / (1 - coarserAlpha);
        int lo = index(representative(offset), gamma);
        int hi = index(representative(offset + counts.length - 1), gamma);
        long[] target = new long[hi - lo + 1];
        for (int i = 0; i < counts.length; i++) {
            target[index(representative(offset + i), gamma) - lo] += counts[i];
        }
        return new QuantileSketch(coarserAlpha, zeroCount, lo, target);
    }

    /**
     * The value at quantile {@code q} by nearest rank (the smallest value with at least {@code q}
     * of all values at or below it: rank {@code ceil(q * count) - 1} in sorted order, as the
     * observer computes the percentiles it publishes), in milliseconds, within the sketch's
     * relative accuracy; 0 for a value counted as zero; NaN for an empty sketch.
     */
    double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("a quantile must be in [0, 1], was " + q);
        }
        if (count == 0) {
            return Double.NaN;
        }
        long rank = Math.max(0, (long) Math.ceil(q * count) - 1);
        long seen = zeroCount;
        if (seen > rank) {
            return 0;
        }
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen > rank) {
                return representative(offset + i);
            }
        }
        return representative(offset + counts.length - 1);
    }

    /** The centre of bucket {@code index} in relative terms: within alpha of anything the bucket holds. */
    private double representative(int index) {
        return 2 * Math.exp(index * logGamma) / (Math.exp(logGamma) + 1);
    }

    /** The count in bucket {@code index}. */
    long bucket(int index) {
        int i = index - offset;
        return i < 0 || i >= counts.length ? 0 : counts[i];
    }

    long zeroCount() {
        return zeroCount;
    }
}
