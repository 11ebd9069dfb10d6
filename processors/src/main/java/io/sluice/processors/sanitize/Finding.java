package io.sluice.processors.sanitize;

import java.util.Objects;

/**
 * Something a detector found in a text. Carries where it is and what it is, never the matched
 * value, so that a finding can go to the audit trail as it is.
 *
 * @param detector {@code injection} or {@code pii}
 * @param type     what was found, e.g. {@code EMAIL}, {@code CREDIT_CARD}, {@code OVERRIDE}
 * @param ruleId   the rule that matched, stable across releases, e.g. {@code pii.card.luhn}
 * @param start    the first char index of the span in the scanned text (inclusive)
 * @param end      the char index past the span (exclusive); {@code start == end} when the finding
 *                 has no single span (a score over the whole text)
 */
public record Finding(String detector, String type, String ruleId, int start, int end) {
    public Finding {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ruleId, "ruleId");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }
}
