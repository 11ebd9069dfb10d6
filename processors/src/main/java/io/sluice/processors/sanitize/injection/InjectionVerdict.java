package io.sluice.processors.sanitize.injection;

import io.sluice.processors.sanitize.Finding;
import java.util.List;

/**
 * What {@link InjectionDetector#scan} concluded about one text.
 *
 * @param score    in [0, 1]: the signals combined (see {@link InjectionDetector}); 0 when none fired
 * @param signals  every rule that fired, once each, strongest first, so an operator can see why
 * @param findings where each rule fired, as spans of the original text (detector {@code injection},
 *                 type the style in upper case, rule id the signal id); a rule that fired only inside
 *                 a decoded or hidden segment points at the whole segment
 */
public record InjectionVerdict(double score, List<Signal> signals, List<Finding> findings) {
    /** {@link InjectionDetector#DEFAULT_THRESHOLD}; a tenant may configure its own. */
    public static final double DEFAULT_THRESHOLD = InjectionDetector.DEFAULT_THRESHOLD;

    public InjectionVerdict {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score out of [0, 1]: " + score);
        }
        signals = List.copyOf(signals);
        findings = List.copyOf(findings);
    }

    /** Whether the text should be treated as an injection under {@code threshold} (inclusive). */
    public boolean flagged(double threshold) {
        return !signals.isEmpty() && score >= threshold;
    }
}
