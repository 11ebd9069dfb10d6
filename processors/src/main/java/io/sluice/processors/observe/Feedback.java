package io.sluice.processors.observe;

import java.util.Map;

/**
 * How a piece of feedback reads: the ingress records {@code rating} ({@code up} or {@code down})
 * or {@code score} (0 to 1) in the audit event's details; a score of 0.5 or more counts as
 * positive.
 */
final class Feedback {
    private Feedback() {}

    /** True for positive, false for negative, null when the feedback carries neither (a comment only). */
    static Boolean positive(Map<String, String> details) {
        String rating = details.get("rating");
        if (rating != null) {
            return rating.equals("up");
        }
        String score = details.get("score");
        if (score != null) {
            try {
                return Double.parseDouble(score) >= 0.5;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
