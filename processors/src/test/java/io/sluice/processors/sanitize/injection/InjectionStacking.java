package io.sluice.processors.sanitize.injection;

import io.sluice.processors.sanitize.injection.InjectionModelTrainer.Row;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Chooses the stacked verdict's parameters for {@link InjectionModelTrainer}: the weight {@code w} of the rules'
 * score above an offset added to the model's calibrated log-odds, the offset, and the threshold on the result, by the criterion
 * {@link #choose} states; and estimates what that choice is worth by nested cross-validation ({@link #nested}):
 * each round held out in turn, the model, its calibration, {@code w} and the threshold all chosen without it.
 */
final class InjectionStacking {
    /** Rounds whose detection rate is maximised: the blind ones and round 7, the newest phrasings. */
    static final Set<Integer> TARGET_ROUNDS = Set.of(5, 6, 7);
    static final double MAX_BLIND_FPR = 0.03;
    static final double MAX_MEAN_FPR = 0.03;
    static final double W_STEP = 0.25;
    static final int W_STEPS = 60;

    /** Offsets tried: the rules' score counts only above it, so that weak matches add nothing. */
    static final double[] OFFSETS = {0, 0.2, 0.3, 0.4, 0.45};

    /** The offset, {@code w} and the threshold as a log-odds. */
    record Choice(double offset, double w, double logOdds) {
        double probability() {
            return 1 / (1 + Math.exp(-logOdds));
        }

        double stacked(double calibrated, double rulesScore) {
            return calibrated + w * Math.max(0, rulesScore - offset);
        }

        boolean flagged(double calibrated, double rulesScore) {
            return stacked(calibrated, rulesScore) >= logOdds;
        }
    }

    private InjectionStacking() {}

    /**
     * Over the rows {@code in} selects, with {@code cal} the model's calibrated out-of-fold log-odds: for each
     * offset in {@link #OFFSETS} and {@code w} on a grid the lowest threshold that keeps the false-positive rate at or under
     * {@link #MAX_BLIND_FPR} on the blind rounds pooled and at or under {@link #MAX_MEAN_FPR} on average over the
     * rounds, then the pair whose threshold flags most attacks of {@link #TARGET_ROUNDS} (the smaller
     * offset, then the smaller {@code w}, on a tie). {@code w = 0} with an infinite threshold if nothing meets the limits.
     */
    static Choice choose(List<Row> rows, double[] cal, IntPredicate in) {
        Choice best = new Choice(0, 0, Double.POSITIVE_INFINITY);
        double bestTpr = -1;
        for (int grid = 0; grid < OFFSETS.length * (W_STEPS + 1); grid++) {
            Choice shape = new Choice(OFFSETS[grid / (W_STEPS + 1)], (grid % (W_STEPS + 1)) * W_STEP, 0);
            double[] candidates = IntStream.range(0, rows.size()).filter(i -> in.test(i) && !rows.get(i).attack())
                    .mapToDouble(i -> shape.stacked(cal[i], rows.get(i).ruleScore()) + 1e-9).sorted().toArray();
            Choice chosen = null;
            for (int c = candidates.length - 1; c >= 0; c--) {
                Choice t = new Choice(shape.offset(), shape.w(), candidates[c]);
                if (!withinLimits(rows, flags(rows, cal, t), in)) {
                    break;
                }
                chosen = t;
            }
            if (chosen == null) {
                continue;
            }
            boolean[] f = flags(rows, cal, chosen);
            double tpr = rate(rows, f, i -> in.test(i) && rows.get(i).attack()
                    && TARGET_ROUNDS.contains(rows.get(i).round()));
            if (tpr > bestTpr + 1e-9) {
                bestTpr = tpr;
                best = chosen;
            }
        }
        return best;
    }

    static boolean[] flags(List<Row> rows, double[] cal, Choice c) {
        boolean[] f = new boolean[rows.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = c.flagged(cal[i], rows.get(i).ruleScore());
        }
        return f;
    }

    /** Whether {@code flagged} keeps both false-positive limits over the rows {@code in} selects. */
    static boolean withinLimits(List<Row> rows, boolean[] flagged, IntPredicate in) {
        double blind = rate(rows, flagged, i -> in.test(i) && !rows.get(i).attack()
                && InjectionCvReport.BLIND_ROUNDS.contains(rows.get(i).round()));
        double mean = 0;
        int n = 0;
        for (int round : InjectionModelTrainer.rounds(rows)) {
            IntPredicate benign = i -> in.test(i) && !rows.get(i).attack() && rows.get(i).round() == round;
            if (IntStream.range(0, rows.size()).anyMatch(benign)) {
                mean += rate(rows, flagged, benign);
                n++;
            }
        }
        return blind <= MAX_BLIND_FPR + 1e-12 && mean / n <= MAX_MEAN_FPR + 1e-12;
    }

    static double rate(List<Row> rows, boolean[] flagged, IntPredicate which) {
        int n = 0;
        int f = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (which.test(i)) {
                n++;
                f += flagged[i] ? 1 : 0;
            }
        }
        return n == 0 ? 0 : f / (double) n;
    }

    /** Platt-calibrated log-odds of {@code z}, the calibration fitted on the rows {@code in} selects. */
    static double[] calibrate(List<Row> rows, double[] z, IntPredicate in, double[] fitOn) {
        int[] idx = IntStream.range(0, rows.size()).filter(in).toArray();
        double[] platt = InjectionModelTrainer.platt(Arrays.stream(idx).mapToObj(rows::get).toList(),
                Arrays.stream(idx).mapToDouble(i -> fitOn[i]).toArray());
        return Arrays.stream(z).map(x -> platt[0] * x + platt[1]).toArray();
    }

    /**
     * Nested cross-validation. For each held-out round k: out-of-fold logits of the other rounds from models
     * trained without k and without the round scored; Platt, {@code w} and threshold fitted on those; then round
     * k scored by the model trained without k ({@code oof}). Returns, per row, whether the stacked verdict (first)
     * and rules-or-model with its threshold chosen the same way (second) flag it.
     */
    static boolean[][] nested(List<Row> rows, double lambda, double[] oof) {
        boolean[] stacked = new boolean[rows.size()];
        boolean[] or = new boolean[rows.size()];
        for (int k : InjectionModelTrainer.rounds(rows)) {
            double[] inner = new double[rows.size()];
            for (int j : InjectionModelTrainer.rounds(rows)) {
                if (j == k) {
                    continue;
                }
                double[] w = InjectionModelTrainer.train(rows, lambda,
                        i -> rows.get(i).round() != k && rows.get(i).round() != j,
                        new SplittableRandom(InjectionModelTrainer.SEED + 100L * k + j));
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i).round() == j) {
                        inner[i] = InjectionModelTrainer.logit(w, rows.get(i).buckets());
                    }
                }
            }
            IntPredicate in = i -> rows.get(i).round() != k;
            double[] innerCal = calibrate(rows, inner, in, inner);
            double[] outerCal = calibrate(rows, oof, in, inner);
            Choice c = choose(rows, innerCal, in);
            double orT = orThreshold(rows, innerCal, in);
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).round() == k) {
                    stacked[i] = c.flagged(outerCal[i], rows.get(i).ruleScore());
                    or[i] = rows.get(i).rules() || outerCal[i] >= orT;
                }
            }
        }
        return new boolean[][] {stacked, or};
    }

    /** The lowest model threshold at which rules-or-model keeps both false-positive limits (infinite if none). */
    static double orThreshold(List<Row> rows, double[] cal, IntPredicate in) {
        double[] candidates = IntStream.range(0, rows.size()).filter(i -> in.test(i) && !rows.get(i).attack())
                .mapToDouble(i -> cal[i] + 1e-9).sorted().toArray();
        double chosen = Double.POSITIVE_INFINITY;
        for (int c = candidates.length - 1; c >= 0; c--) {
            double t = candidates[c];
            boolean[] f = new boolean[rows.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = rows.get(i).rules() || cal[i] >= t;
            }
            if (!withinLimits(rows, f, in)) {
                break;
            }
            chosen = t;
        }
        return chosen;
    }
}
