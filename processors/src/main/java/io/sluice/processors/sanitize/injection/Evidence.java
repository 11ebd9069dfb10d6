package io.sluice.processors.sanitize.injection;

import io.sluice.processors.sanitize.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one scan has found so far: each signal once with its strongest weight, and the spans where
 * it fired. Turns into a verdict by dropping signals another one already explains and combining
 * the rest (see {@link #score}); the learned model's signal, if any, stands apart, and with a model
 * the verdict's score is the stacked one the detector computed from the rules' score and the model's
 * ({@link #combined}).
 */
final class Evidence {
    static final int MAX_FINDINGS = 64;
    static final int MAX_SPANS_PER_SIGNAL = 8;
    static final String DETECTOR = "injection";

    private final Map<String, Signal> signals = new LinkedHashMap<>();
    private final Map<String, List<int[]>> spans = new HashMap<>();
    private Signal model;
    private List<int[]> modelSpans = List.of();
    private double combined = Double.NaN;

    void add(String id, String style, double weight, String description, int start, int end) {
        Signal s = new Signal(id, style, Math.min(1, weight), description);
        signals.merge(id, s, (a, b) -> b.weight() > a.weight() ? b : a);
        addSpan(id, new int[] {start, end});
    }

    private void addSpan(String id, int[] span) {
        List<int[]> list = spans.computeIfAbsent(id, k -> new ArrayList<>(2));
        if (list.size() < MAX_SPANS_PER_SIGNAL && list.stream().noneMatch(s -> s[0] == span[0] && s[1] == span[1])) {
            list.add(span);
        }
    }

    void merge(Evidence other) {
        for (Signal s : other.signals.values()) {
            signals.merge(s.id(), s, (a, b) -> b.weight() > a.weight() ? b : a);
            other.spans.getOrDefault(s.id(), List.of()).forEach(span -> addSpan(s.id(), span));
        }
    }

    /**
     * Sets the verdict's score to {@code score}, the rules' and the model's combined, and the model's signal
     * (null when it has nothing to say) with the spans of its strongest n-grams.
     */
    void combined(double score, Signal signal, List<int[]> strongest) {
        combined = score;
        model = signal;
        modelSpans = List.copyOf(strongest);
    }

    /** The rules' score: the signals found so far, those explained by stronger ones left out, combined. */
    double rulesScore() {
        return score(kept());
    }

    double maxWeight() {
        return signals.values().stream().mapToDouble(Signal::weight).max().orElse(0);
    }

    private List<Signal> kept() {
        List<Signal> sorted = new ArrayList<>(signals.values());
        sorted.sort(Comparator.comparingDouble(Signal::weight).reversed().thenComparing(Signal::id));
        List<Signal> kept = new ArrayList<>();
        for (Signal s : sorted) {
            if (!explained(s, kept)) {
                kept.add(s);
            }
        }
        return kept;
    }

    InjectionVerdict verdict() {
        List<Signal> kept = kept();
        List<Finding> findings = new ArrayList<>();
        for (Signal s : kept) {
            for (int[] span : spans.get(s.id())) {
                findings.add(new Finding(DETECTOR, s.style().toUpperCase(Locale.ROOT), s.id(), span[0], span[1]));
            }
        }
        double score = Double.isNaN(combined) ? score(kept) : combined;
        if (model != null) {
            for (int[] span : modelSpans) {
                findings.add(new Finding(DETECTOR, model.style().toUpperCase(Locale.ROOT), model.id(), span[0], span[1]));
            }
            kept.add(model);
            kept.sort(Comparator.comparingDouble(Signal::weight).reversed().thenComparing(Signal::id));
        }
        findings.sort(Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end).thenComparing(Finding::ruleId));
        return new InjectionVerdict(score, kept,
                findings.size() > MAX_FINDINGS ? findings.subList(0, MAX_FINDINGS) : findings);
    }

    /** Whether every span of {@code s} lies inside a span of a stronger signal of its style. */
    private boolean explained(Signal s, List<Signal> stronger) {
        for (int[] span : spans.get(s.id())) {
            boolean inside = false;
            for (Signal k : stronger) {
                if (k.style().equals(s.style()) && contains(spans.get(k.id()), span)) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(List<int[]> outer, int[] span) {
        return outer.stream().anyMatch(o -> o[0] <= span[0] && span[1] <= o[1]);
    }

    private static boolean overlaps(List<int[]> a, List<int[]> b) {
        return a.stream().anyMatch(x -> b.stream().anyMatch(y -> x[0] < y[1] && y[0] < x[1]));
    }

    /**
     * Combines weights as independent pieces of evidence ("noisy or"). Within a style, the strongest
     * signal counts in full, and each further one at half, if it fired somewhere else in the text
     * (rules of one style firing on the same words are one piece of evidence); different styles
     * combine in full.
     */
    private double score(List<Signal> kept) {
        Map<String, List<Signal>> byStyle = new LinkedHashMap<>();
        kept.forEach(s -> byStyle.computeIfAbsent(s.style(), k -> new ArrayList<>()).add(s));
        double miss = 1;
        for (List<Signal> style : byStyle.values()) {
            List<int[]> taken = new ArrayList<>();
            boolean first = true;
            for (Signal s : style) { // strongest first
                List<int[]> own = spans.get(s.id());
                if (first || !overlaps(own, taken)) {
                    miss *= 1 - (first ? s.weight() : s.weight() / 2);
                    taken.addAll(own);
                    first = false;
                }
            }
        }
        return Math.max(0, Math.min(1, 1 - miss));
    }
}
