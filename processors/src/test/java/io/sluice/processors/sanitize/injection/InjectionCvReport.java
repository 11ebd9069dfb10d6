package io.sluice.processors.sanitize.injection;

import io.sluice.processors.sanitize.injection.InjectionModelTrainer.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The cross-validated figures {@link InjectionModelTrainer} prints: for every round held out in turn, TPR and FPR
 * of several verdicts side by side (the rules alone, rules-or-model and the stacked verdict, nested or not); their
 * mean over rounds; pooled over the blind rounds ({@link #BLIND_ROUNDS}, the only ones where the rules' figures are
 * not in-sample) and over {@link InjectionStacking#TARGET_ROUNDS}; and per style and kind on the blind rounds.
 */
final class InjectionCvReport {
    /** Rounds written blind to the detector and never used to tune the rules (rules v4 were frozen on round 4). */
    static final Set<Integer> BLIND_ROUNDS = Set.of(5, 6);

    private InjectionCvReport() {}

    /** @param verdicts per verdict's name, whether it flags each row */
    static void print(List<Row> rows, Map<String, boolean[]> verdicts) {
        List<boolean[]> flags = List.copyOf(verdicts.values());
        System.out.println("cross-validated, each round held out in turn: TPR / FPR of " + String.join(" | ", verdicts.keySet()));
        int[] rounds = InjectionModelTrainer.rounds(rows);
        double[] sum = new double[2 * flags.size()];
        for (int round : rounds) {
            double[] f = figures(rows, flags, i -> rows.get(i).round() == round);
            for (int k = 0; k < sum.length; k++) {
                sum[k] += f[k] / rounds.length;
            }
            row("round " + round + (BLIND_ROUNDS.contains(round) ? " (blind)" : ""), f);
        }
        row("mean over rounds", sum);
        row("blind rounds pooled", figures(rows, flags, i -> BLIND_ROUNDS.contains(rows.get(i).round())));
        row("rounds 5-7 pooled", figures(rows, flags, i -> InjectionStacking.TARGET_ROUNDS.contains(rows.get(i).round())));
        System.out.println("per style / kind, blind rounds (TPR or FPR, same columns):");
        List<Integer> blind = IntStream.range(0, rows.size()).filter(i -> BLIND_ROUNDS.contains(rows.get(i).round()))
                .boxed().toList();
        groups(rows, flags, blind, Row::attack, Row::style);
        groups(rows, flags, blind, r -> !r.attack(), Row::kind);
    }

    /** TPR of each verdict, then FPR of each, over the rows {@code which} selects. */
    static double[] figures(List<Row> rows, List<boolean[]> flags, IntPredicate which) {
        double[] f = new double[2 * flags.size()];
        for (int v = 0; v < flags.size(); v++) {
            boolean[] flagged = flags.get(v);
            f[v] = InjectionStacking.rate(rows, flagged, i -> which.test(i) && rows.get(i).attack());
            f[flags.size() + v] = InjectionStacking.rate(rows, flagged, i -> which.test(i) && !rows.get(i).attack());
        }
        return f;
    }

    private static void row(String label, double[] f) {
        int n = f.length / 2;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  %-22s TPR", label));
        for (int v = 0; v < n; v++) {
            out.append(String.format(Locale.ROOT, v == 0 ? " %.3f" : " | %.3f", f[v]));
        }
        out.append("    FPR");
        for (int v = 0; v < n; v++) {
            out.append(String.format(Locale.ROOT, v == 0 ? " %.3f" : " | %.3f", f[n + v]));
        }
        System.out.println(out);
    }

    private static void groups(List<Row> rows, List<boolean[]> flags, List<Integer> idx, Predicate<Row> which,
            Function<Row, String> key) {
        Map<String, List<Integer>> g = new TreeMap<>();
        idx.stream().filter(i -> which.test(rows.get(i))).forEach(i -> g.computeIfAbsent(key.apply(rows.get(i)),
                k -> new ArrayList<>()).add(i));
        g.forEach((k, v) -> {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  %-22s n=%4d ", k, v.size()));
            for (int f = 0; f < flags.size(); f++) {
                boolean[] flagged = flags.get(f);
                long n = v.stream().filter(i -> flagged[i]).count();
                out.append(String.format(Locale.ROOT, f == 0 ? " %.3f" : " | %.3f", n / (double) v.size()));
            }
            System.out.println(out);
        });
    }
}
