package io.sluice.processors.sanitize.injection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Trains {@link InjectionModel} on every row of the labelled data and writes the weight file. Not a
 * test and not run by the build: run it by hand after the data changes, from the repository root,
 * with the test classpath, e.g.
 * {@code java -cp processors/target/classes:processors/target/test-classes:<jackson jars>
 * io.sluice.processors.sanitize.injection.InjectionModelTrainer}.
 *
 * <p>What it does: featurises each row the way a scan does ({@link InjectionDetector#features});
 * chooses the L2 strength by cross-validation where each fold is one round of the data
 * (a round was written apart from the others, so a held-out round is the closest thing to the
 * next one); fits a Platt calibration on the out-of-fold scores; chooses the stacked verdict's rule
 * weight and operating point on them ({@link InjectionStacking#choose}); estimates that choice by nested
 * cross-validation and reports it next to the rules alone and rules-or-model; trains on all rows and writes
 * {@code processors/src/main/resources/io/sluice/processors/sanitize/injection/injection-model.bin.gz}.
 * Training is deterministic (seeded shuffles), so the same data gives the same file.
 */
public final class InjectionModelTrainer {
    static final double[] LAMBDAS = {1e-6, 3e-6, 1e-5, 3e-5, 1e-4, 3e-4};
    static final int EPOCHS = 40;
    static final double ETA0 = 0.5;
    static final long SEED = 20240611L;

    /**
     * The labelled files: rounds 1-6 (each written blind to the detector of its time) and round 7, written to
     * train on by someone who had seen the detector and its misses, so never a holdout.
     */
    static final List<String> FILES = List.of("attacks.jsonl", "benign.jsonl", "attacks-round7-train.jsonl",
            "benign-round7-train.jsonl");

    record Row(boolean attack, String style, String kind, int round, boolean holdout, int[] buckets, boolean rules,
            double ruleScore) {}

    private InjectionModelTrainer() {}

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "processors/src/test/resources/sanitize/injection");
        Path out = Path.of(args.length > 1 ? args[1]
                : "processors/src/main/resources/io/sluice/processors/sanitize/injection/" + InjectionModel.RESOURCE);
        List<Row> rows = read(data);
        int attacks = (int) rows.stream().filter(Row::attack).count();
        System.out.printf(Locale.ROOT, "%d rows (%d attacks, %d benign)%n", rows.size(), attacks, rows.size() - attacks);

        double bestLambda = 0;
        double bestTpr = -1;
        double[] bestOof = null;
        for (double lambda : LAMBDAS) {
            double[] oof = outOfFold(rows, lambda);
            double[] cal = InjectionStacking.calibrate(rows, oof, i -> true, oof);
            InjectionStacking.Choice c = InjectionStacking.choose(rows, cal, i -> true);
            boolean[] f = InjectionStacking.flags(rows, cal, c);
            double tpr = InjectionStacking.rate(rows, f,
                    i -> rows.get(i).attack() && InjectionStacking.TARGET_ROUNDS.contains(rows.get(i).round()));
            System.out.printf(Locale.ROOT, "lambda %.0e  CV AUC(model) %.4f  stacked offset %.2f w %.2f p>=%.4f: TPR rounds 5-7 %.3f%n",
                    lambda, auc(rows, oof), c.offset(), c.w(), c.probability(), tpr);
            if (tpr > bestTpr + 1e-9) {
                bestTpr = tpr;
                bestLambda = lambda;
                bestOof = oof;
            }
        }
        double[] oof = bestOof;
        double[] platt = platt(rows, oof);
        double[] cal = InjectionStacking.calibrate(rows, oof, i -> true, oof);
        InjectionStacking.Choice choice = InjectionStacking.choose(rows, cal, i -> true);
        System.out.printf(Locale.ROOT, "chosen lambda %.0e, Platt a %.4f b %.4f, rules' score above %.2f at weight %.2f, operating point p >= %.4f%n",
                bestLambda, platt[0], platt[1], choice.offset(), choice.w(), choice.probability());
        boolean[][] nested = InjectionStacking.nested(rows, bestLambda, oof);
        boolean[] rulesOnly = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            rulesOnly[i] = rows.get(i).rules();
        }
        Map<String, boolean[]> verdicts = new LinkedHashMap<>();
        verdicts.put("rules", rulesOnly);
        verdicts.put("rules or model (nested)", nested[1]);
        verdicts.put("stacked (nested)", nested[0]);
        verdicts.put("stacked (chosen w, t)", InjectionStacking.flags(rows, cal, choice));
        InjectionCvReport.print(rows, verdicts);
        if (System.getProperty("dump") != null) {
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                d.append(String.format(Locale.ROOT, "%d\t%d\t%s\t%.4f\t%.4f%n", r.round(), r.attack() ? 1 : 0,
                        r.attack() ? r.style() : r.kind(), r.ruleScore(), cal[i]));
            }
            Files.writeString(Path.of(System.getProperty("dump")), d);
        }

        double[] w = train(rows, bestLambda, i -> true, new SplittableRandom(SEED));
        float[] weights = new float[ModelFeatures.BUCKETS];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) w[i];
        }
        InjectionModel model = new InjectionModel(weights, (float) w[ModelFeatures.BUCKETS], (float) platt[0],
                (float) platt[1], (float) choice.offset(), (float) choice.w(),
                (float) choice.probability());
        Files.createDirectories(out.getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            model.write(o);
        }
        System.out.printf(Locale.ROOT, "wrote %s (%d bytes)%n", out, Files.size(out));
    }

    static List<Row> read(Path dir) throws IOException {
        InjectionDetector rules = new InjectionDetector(StandardRules.build());
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        for (String file : FILES) {
            for (String line : Files.readString(dir.resolve(file), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                String text = n.get("text").asText();
                ModelFeatures features = rules.features(text);
                List<int[]> windows = features.windows();
                if (windows.size() != 1) {
                    throw new IllegalStateException("a training text longer than one window: " + line.length() + " chars");
                }
                ModelFeatures.Window window = features.newWindow(null, false);
                features.fill(window, windows.get(0));
                int[] buckets = window.buckets();
                InjectionVerdict verdict = rules.scan(text);
                Arrays.sort(buckets);
                rows.add(new Row("attack".equals(n.get("label").asText()), n.path("style").asText(null),
                        n.path("kind").asText(null), n.get("round").asInt(), "holdout".equals(n.path("split").asText()),
                        buckets, verdict.flagged(InjectionDetector.DEFAULT_THRESHOLD), verdict.score()));
            }
        }
        return rows;
    }

    /** Raw logits of every row from a model trained without the row's round. */
    static double[] outOfFold(List<Row> rows, double lambda) {
        double[] oof = new double[rows.size()];
        for (int round : rounds(rows)) {
            int r = round;
            double[] w = train(rows, lambda, i -> rows.get(i).round() != r, new SplittableRandom(SEED + round));
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).round() == r) {
                    oof[i] = logit(w, rows.get(i).buckets());
                }
            }
        }
        return oof;
    }

    static int[] rounds(List<Row> rows) {
        return rows.stream().mapToInt(Row::round).distinct().sorted().toArray();
    }

    /**
     * L2-regularised logistic regression by stochastic gradient descent (the weight vector kept as a
     * scale times a vector, so the decay costs nothing per step). Returns the weights and, last, the bias.
     */
    static double[] train(List<Row> rows, double lambda, IntPredicate use, SplittableRandom random) {
        int[] order = IntStream.range(0, rows.size()).filter(use).toArray();
        double[] v = new double[ModelFeatures.BUCKETS];
        double scale = 1;
        double bias = 0;
        long step = 0;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            for (int idx : order) {
                Row row = rows.get(idx);
                double x = row.buckets().length == 0 ? 0 : 1 / Math.sqrt(row.buckets().length);
                double dot = 0;
                for (int b : row.buckets()) {
                    dot += v[b];
                }
                double z = bias + scale * dot * x;
                double g = 1 / (1 + Math.exp(-z)) - (row.attack() ? 1 : 0);
                double eta = ETA0 / (1 + ETA0 * lambda * step++);
                scale *= 1 - eta * lambda;
                if (scale < 1e-6) {
                    for (int k = 0; k < v.length; k++) {
                        v[k] *= scale;
                    }
                    scale = 1;
                }
                for (int b : row.buckets()) {
                    v[b] -= eta * g * x / scale;
                }
                bias -= eta * g * 0.1;
            }
        }
        double[] w = new double[ModelFeatures.BUCKETS + 1];
        for (int k = 0; k < v.length; k++) {
            w[k] = v[k] * scale;
        }
        w[ModelFeatures.BUCKETS] = bias;
        return w;
    }

    static double logit(double[] w, int[] buckets) {
        double sum = 0;
        for (int b : buckets) {
            sum += w[b];
        }
        return w[ModelFeatures.BUCKETS] + (buckets.length == 0 ? 0 : sum / Math.sqrt(buckets.length));
    }

    /** Platt scaling {a, b}: p = sigmoid(a * logit + b), fitted by Newton's method on the out-of-fold logits. */
    static double[] platt(List<Row> rows, double[] z) {
        double a = 1;
        double b = 0;
        for (int it = 0; it < 50; it++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-9;
            double hab = 0;
            double hbb = 1e-9;
            for (int i = 0; i < rows.size(); i++) {
                double p = 1 / (1 + Math.exp(-(a * z[i] + b)));
                double d = p - (rows.get(i).attack() ? 1 : 0);
                double h = p * (1 - p);
                ga += d * z[i];
                gb += d;
                haa += h * z[i] * z[i];
                hab += h * z[i];
                hbb += h;
            }
            double det = haa * hbb - hab * hab;
            a -= (hbb * ga - hab * gb) / det;
            b -= (haa * gb - hab * ga) / det;
        }
        return new double[] {a, b};
    }

    static double auc(List<Row> rows, double[] z) {
        double[] pos = IntStream.range(0, rows.size()).filter(i -> rows.get(i).attack())
                .mapToDouble(i -> z[i]).toArray();
        double[] neg = IntStream.range(0, rows.size()).filter(i -> !rows.get(i).attack())
                .mapToDouble(i -> z[i]).toArray();
        double wins = 0;
        for (double p : pos) {
            for (double q : neg) {
                wins += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }
        return wins / ((double) pos.length * neg.length);
    }
}
