package io.sluice.processors.sanitize.injection;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A logistic regression over {@link ModelFeatures}, trained offline on the labelled data
 * ({@code InjectionModelTrainer} in the tests) and shipped as {@value #RESOURCE}: the weights of
 * the non-empty buckets quantised to 16 bits, a Platt calibration fitted on cross-validated
 * scores, the offset and weight of the rules' score in the stacked verdict and the operating point, all chosen by
 * cross-validation. A text is scored by its most suspicious window; the detector adds the rules' score above
 * {@link #ruleOffset()} times {@link #ruleWeight()} to the model's calibrated log-odds ({@link #combined}) and maps the resulting
 * probability onto its scale so that the operating point lands on {@link InjectionDetector#DEFAULT_THRESHOLD}
 * (see {@link #score}).
 *
 * <p>Loaded once, immutable, thread-safe; about 1 MiB of weights in memory.
 */
final class InjectionModel {
    static final String RESOURCE = "injection-model.bin.gz";
    static final int TOP_NGRAMS = 3;
    private static final int MAGIC = 0x534a4d31; // "SJM1"
    /** 2: the rules' offset and weight in the stacked verdict follow the Platt parameters. */
    private static final int FORMAT = 2;

    private final float[] weights;
    private final float bias;
    private final float plattA;
    private final float plattB;
    private final float ruleOffset;
    private final float ruleWeight;
    private final float threshold;

    /**
     * @param ruleOffset the rules' score (in [0, 1]) counts only above this, in [0, 1)
     * @param ruleWeight what each unit of the rules' score above the offset adds to the calibrated log-odds, at least 0
     * @param threshold  the combined probability at the operating point, in (0, 1)
     */
    InjectionModel(float[] weights, float bias, float plattA, float plattB, float ruleOffset, float ruleWeight,
            float threshold) {
        if (weights.length != ModelFeatures.BUCKETS) {
            throw new IllegalArgumentException("expected " + ModelFeatures.BUCKETS + " weights, got " + weights.length);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold out of (0, 1): " + threshold);
        }
        if (!(ruleOffset >= 0 && ruleOffset < 1)) {
            throw new IllegalArgumentException("rule offset out of [0, 1): " + ruleOffset);
        }
        if (!(ruleWeight >= 0 && ruleWeight < 100)) {
            throw new IllegalArgumentException("rule weight out of [0, 100): " + ruleWeight);
        }
        this.weights = weights;
        this.bias = bias;
        this.plattA = plattA;
        this.plattB = plattB;
        this.ruleOffset = ruleOffset;
        this.ruleWeight = ruleWeight;
        this.threshold = threshold;
    }

    /** The model shipped with Sluice, loaded on first use. */
    static InjectionModel standard() {
        return Shipped.MODEL;
    }

    private static final class Shipped {
        static final InjectionModel MODEL = load();

        private static InjectionModel load() {
            try (InputStream in = InjectionModel.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE + " next to " + InjectionModel.class.getName());
                }
                return read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    /**
     * What the model alone concluded: its calibrated log-odds and probability, the score that probability
     * gives on the detector's scale, and where its strongest n-grams sit.
     */
    record Judgement(double logOdds, double probability, double score, List<int[]> spans) {}

    /** The combined probability at the operating point. */
    float threshold() {
        return threshold;
    }

    float ruleOffset() {
        return ruleOffset;
    }

    float ruleWeight() {
        return ruleWeight;
    }

    /**
     * The stacked probability: the sigmoid of the model's calibrated log-odds plus the rules' score above
     * {@link #ruleOffset} times {@link #ruleWeight} (weak matches alone add nothing).
     */
    double combined(Judgement judgement, double rulesScore) {
        return sigmoid(judgement.logOdds() + ruleWeight * Math.max(0, rulesScore - ruleOffset));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** The raw (uncalibrated) log-odds of one set of distinct buckets. */
    double logit(int[] buckets) {
        double sum = 0;
        for (int b : buckets) {
            sum += weights[b];
        }
        return bias + (buckets.length == 0 ? 0 : sum / Math.sqrt(buckets.length));
    }

    double probability(double logit) {
        return sigmoid(plattA * logit + plattB);
    }

    /**
     * The probability on the detector's scale: linear from 0 to {@link InjectionDetector#DEFAULT_THRESHOLD}
     * up to the operating point, then linear to 1, so a tenant on the default threshold is flagged exactly at
     * the operating point and a stricter or looser tenant moves it the same way.
     */
    double score(double p) {
        double mid = InjectionDetector.DEFAULT_THRESHOLD;
        return p <= threshold ? mid * p / threshold : mid + (1 - mid) * (p - threshold) / (1 - threshold);
    }

    /** Scores every window of {@code features}, keeps the most suspicious one and finds its strongest n-grams. */
    Judgement judge(ModelFeatures features) {
        List<int[]> windows = features.windows();
        ModelFeatures.Window w = features.newWindow(weights, false);
        double best = Double.NEGATIVE_INFINITY;
        int[] bestRange = windows.get(0);
        for (int[] range : windows) {
            features.fill(w, range);
            double z = bias + (w.size() == 0 ? 0 : w.sum() / Math.sqrt(w.size()));
            if (z > best) {
                best = z;
                bestRange = range;
            }
        }
        ModelFeatures.Window explained = features.newWindow(weights, true);
        features.fill(explained, bestRange);
        List<int[]> spans = new ArrayList<>(TOP_NGRAMS);
        for (int[] t : strongest(explained)) {
            if (t != null) {
                ModelFeatures.View view = features.views().get(t[1]);
                int[] span = view.segment() != null ? view.segment() : view.skeleton().originalSpan(t[2], t[3]);
                if (spans.stream().noneMatch(s -> s[0] == span[0] && s[1] == span[1])) {
                    spans.add(span);
                }
            }
        }
        double p = probability(best);
        return new Judgement(plattA * best + plattB, p, score(p), spans);
    }

    /** The {@link #TOP_NGRAMS} buckets of {@code w} with the largest positive weights, as {bucket, view, from, to}. */
    private int[][] strongest(ModelFeatures.Window w) {
        int[][] top = new int[TOP_NGRAMS][];
        w.forEach((bucket, view, from, to) -> {
            float wb = weights[bucket];
            if (wb <= 0) {
                return;
            }
            for (int k = 0; k < top.length; k++) {
                if (top[k] == null || wb > weights[top[k][0]]
                        || wb == weights[top[k][0]] && bucket < top[k][0]) {
                    System.arraycopy(top, k, top, k + 1, top.length - k - 1);
                    top[k] = new int[] {bucket, view, from, to};
                    return;
                }
            }
        });
        return top;
    }

    // ---------------------------------------------------------------- file format

    /**
     * Writes the model: magic, format version, {@link ModelFeatures#VERSION}, bucket bits, bias, Platt a and b,
     * the rules' offset and weight, the threshold, the quantisation step, the count of non-zero weights, then each as a varint gap from the
     * previous bucket and a 16-bit multiple of the step; all gzip'd.
     */
    void write(OutputStream out) throws IOException {
        float max = 0;
        for (float w : weights) {
            max = Math.max(max, Math.abs(w));
        }
        float step = max == 0 ? 1 : max / Short.MAX_VALUE;
        int count = 0;
        for (float w : weights) {
            count += Math.round(w / step) != 0 ? 1 : 0;
        }
        GZIPOutputStream gz = new GZIPOutputStream(out);
        DataOutputStream data = new DataOutputStream(gz);
        data.writeInt(MAGIC);
        data.writeInt(FORMAT);
        data.writeInt(ModelFeatures.VERSION);
        data.writeInt(ModelFeatures.BITS);
        data.writeFloat(bias);
        data.writeFloat(plattA);
        data.writeFloat(plattB);
        data.writeFloat(ruleOffset);
        data.writeFloat(ruleWeight);
        data.writeFloat(threshold);
        data.writeFloat(step);
        data.writeInt(count);
        int last = -1;
        for (int b = 0; b < weights.length; b++) {
            int q = Math.round(weights[b] / step);
            if (q != 0) {
                writeVarint(data, b - last);
                data.writeShort(q);
                last = b;
            }
        }
        data.flush();
        gz.finish();
    }

    static InjectionModel read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new GZIPInputStream(in));
        if (data.readInt() != MAGIC || data.readInt() != FORMAT) {
            throw new IOException("not an injection model file of format " + FORMAT);
        }
        int version = data.readInt();
        int bits = data.readInt();
        if (version != ModelFeatures.VERSION || bits != ModelFeatures.BITS) {
            throw new IOException("model trained for features v" + version + " with 2^" + bits
                    + " buckets; this build hashes v" + ModelFeatures.VERSION + " into 2^" + ModelFeatures.BITS);
        }
        float bias = data.readFloat();
        float a = data.readFloat();
        float b = data.readFloat();
        float ruleOffset = data.readFloat();
        float ruleWeight = data.readFloat();
        float threshold = data.readFloat();
        float step = data.readFloat();
        int count = data.readInt();
        float[] weights = new float[ModelFeatures.BUCKETS];
        int bucket = -1;
        for (int i = 0; i < count; i++) {
            bucket += readVarint(data);
            weights[bucket] = data.readShort() * step;
        }
        return new InjectionModel(weights, bias, a, b, ruleOffset, ruleWeight, threshold);
    }

    private static void writeVarint(DataOutputStream out, int v) throws IOException {
        while ((v & ~0x7f) != 0) {
            out.writeByte((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readVarint(DataInputStream in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("bad varint");
    }
}
