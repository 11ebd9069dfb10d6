package io.sluice.processors.sanitize.injection;

import io.sluice.processors.sanitize.injection.InjectionModelTrainer.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The cross-validated figures {@link InjectionModelTrainer} prints: for every round held out in turn, TPR and
 * FPR of the rules alone, the model alone (trained without that round) and both together; their mean over
 * rounds; and per style and kind over the rounds the rules were never tuned on ({@link #BLIND_ROUNDS}), the
 * only ones where the rules' figures are not in-sample.
 */
final class InjectionCvReport {
    /** Rounds written blind to the detector and never used to tune the rules (rules v4 were frozen on round 4). */
    static final Set<Integer> BLIND_ROUNDS = Set.of(5, 6);

    private InjectionCvReport() {}

    static void print(List<Row> rows, double[] z, double[] platt, double t) {
        double[] p = IntStream.range(0, rows.size()).mapToDouble(i -> InjectionModelTrainer.calibrated(platt, z[i])).toArray();
        System.out.println("cross-validated, each round held out in turn: TPR / FPR of rules | model | rules or model");
        double[] sum = new double[6];
        int[] rounds = InjectionModelTrainer.rounds(rows);
        for (int round : rounds) {
            double[] f = figures(rows, p, t, i -> rows.get(i).round() == round);
            for (int k = 0; k < sum.length; k++) {
                sum[k] += f[k];
            }
            row("round " + round + (BLIND_ROUNDS.contains(round) ? " (blind)" : ""), f);
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] /= rounds.length;
        }
        row("mean over rounds", sum);
        row("pooled", figures(rows, p, t, i -> true));
        row("blind rounds pooled", figures(rows, p, t, i -> BLIND_ROUNDS.contains(rows.get(i).round())));
        System.out.println("per style / kind, blind rounds (TPR or FPR of rules | model | both):");
        List<Integer> blind = IntStream.range(0, rows.size()).filter(i -> BLIND_ROUNDS.contains(rows.get(i).round()))
                .boxed().toList();
        groups(rows, p, t, blind, Row::attack, Row::style);
        groups(rows, p, t, blind, r -> !r.attack(), Row::kind);
        System.out.println("per style / kind, all rounds:");
        List<Integer> all = IntStream.range(0, rows.size()).boxed().toList();
        groups(rows, p, t, all, Row::attack, Row::style);
        groups(rows, p, t, all, r -> !r.attack(), Row::kind);
    }

    /** {TPR rules, TPR model, TPR both, FPR rules, FPR model, FPR both} over the rows {@code which} selects. */
    static double[] figures(List<Row> rows, double[] p, double t, java.util.function.IntPredicate which) {
        int[] c = new int[8];
        for (int i = 0; i < rows.size(); i++) {
            if (!which.test(i)) {
                continue;
            }
            Row r = rows.get(i);
            int base = r.attack() ? 0 : 4;
            boolean m = p[i] >= t;
            c[base]++;
            c[base + 1] += r.rules() ? 1 : 0;
            c[base + 2] += m ? 1 : 0;
            c[base + 3] += r.rules() || m ? 1 : 0;
        }
        double a = Math.max(1, c[0]);
        double b = Math.max(1, c[4]);
        return new double[] {c[1] / a, c[2] / a, c[3] / a, c[5] / b, c[6] / b, c[7] / b};
    }

    private static void row(String label, double[] f) {
        System.out.printf(Locale.ROOT, "  %-22s TPR %.3f | %.3f | %.3f    FPR %.3f | %.3f | %.3f%n", label,
                f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    private static void groups(List<Row> rows, double[] p, double t, List<Integer> idx,
            java.util.function.Predicate<Row> which, Function<Row, String> key) {
        Map<String, List<Integer>> g = new TreeMap<>();
        idx.stream().filter(i -> which.test(rows.get(i))).forEach(i -> g.computeIfAbsent(key.apply(rows.get(i)),
                k -> new ArrayList<>()).add(i));
        g.forEach((k, v) -> {
            long rules = v.stream().filter(i -> rows.get(i).rules()).count();
            long model = v.stream().filter(i -> p[i] >= t).count();
            long both = v.stream().filter(i -> rows.get(i).rules() || p[i] >= t).count();
            System.out.printf(Locale.ROOT, "  %-22s n=%4d  %.3f | %.3f | %.3f%n", k, v.size(), rules / (double) v.size(),
                    model / (double) v.size(), both / (double) v.size());
        });
    }

    /** TPR and FPR of rules or model at a range of operating points, to choose one by eye. */
    static void curve(List<Row> rows, double[] z, double[] platt) {
        double[] p = IntStream.range(0, rows.size()).mapToDouble(i -> InjectionModelTrainer.calibrated(platt, z[i])).toArray();
        for (double t = 0.5; t < 0.999; t += 0.025) {
            double[] all = figures(rows, p, t, i -> true);
            double[] blind = figures(rows, p, t, i -> BLIND_ROUNDS.contains(rows.get(i).round()));
            System.out.printf(Locale.ROOT, "t %.3f  pooled model FPR %.3f  both TPR %.3f FPR %.3f  blind both TPR %.3f FPR %.3f%n",
                    t, all[4], all[2], all[5], blind[2], blind[5]);
        }
    }
}
