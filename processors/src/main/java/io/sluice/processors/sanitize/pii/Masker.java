package io.sluice.processors.sanitize.pii;

import io.sluice.processors.sanitize.Finding;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces findings with placeholders ({@code [EMAIL]} or {@code [EMAIL_1]}) and puts original
 * values back into an answer. Pure functions apart from the {@link Pseudonyms} a caller passes.
 */
public final class Masker {
    private Masker() {
    }

    /**
     * Masks {@code findings} (non-overlapping, sorted by start, as {@link PiiDetector} returns
     * them) in {@code text}. With {@link MaskStyle#PSEUDONYM} the numbering is this text's own;
     * use {@link #mask(String, List, Pseudonyms)} to number several messages of a request alike.
     */
    public static Masked mask(String text, List<Finding> findings, MaskStyle style) {
        Objects.requireNonNull(style, "style");
        return style == MaskStyle.REDACT ? redact(text, findings) : mask(text, findings, new Pseudonyms());
    }

    /** Masks with numbered placeholders from {@code pseudonyms}, the request's shared state. */
    public static Masked mask(String text, List<Finding> findings, Pseudonyms pseudonyms) {
        Objects.requireNonNull(pseudonyms, "pseudonyms");
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : findings) {
            checkOrder(text, f, at);
            out.append(text, at, f.start());
            out.append(pseudonyms.placeholderFor(f.type(), text.substring(f.start(), f.end())));
            at = f.end();
        }
        out.append(text, at, text.length());
        return new Masked(out.toString(), pseudonyms.placeholders());
    }

    private static Masked redact(String text, List<Finding> findings) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : findings) {
            checkOrder(text, f, at);
            out.append(text, at, f.start()).append('[').append(f.type()).append(']');
            at = f.end();
        }
        out.append(text, at, text.length());
        return new Masked(out.toString(), Map.of());
    }

    private static void checkOrder(String text, Finding f, int at) {
        if (f.start() < at || f.end() > text.length()) {
            throw new IllegalArgumentException("findings must be sorted, non-overlapping and inside the text");
        }
    }

    /**
     * Puts the original values back where {@code answer} has this request's placeholders; other
     * bracketed text is left as it is. One pass: a restored value is never scanned again.
     */
    public static String restore(String answer, Map<String, String> placeholders) {
        if (placeholders.isEmpty() || answer.indexOf('[') < 0) {
            return answer;
        }
        int longest = 0;
        for (String p : placeholders.keySet()) {
            longest = Math.max(longest, p.length());
        }
        StringBuilder out = new StringBuilder(answer.length());
        int at = 0;
        int open;
        while ((open = answer.indexOf('[', at)) >= 0) {
            int close = closeWithin(answer, open, longest);
            if (close < 0) {
                out.append(answer, at, open + 1);
                at = open + 1;
                continue;
            }
            String original = placeholders.get(answer.substring(open, close + 1));
            if (original == null) {
                out.append(answer, at, open + 1);
                at = open + 1;
                continue;
            }
            out.append(answer, at, open).append(original);
            at = close + 1;
        }
        out.append(answer, at, answer.length());
        return out.toString();
    }

    /** The {@code ]} closing a placeholder opened at {@code open} no longer than {@code longest}, or -1. */
    private static int closeWithin(String s, int open, int longest) {
        int limit = Math.min(s.length(), open + longest);
        for (int k = open + 1; k < limit; k++) {
            char c = s.charAt(k);
            if (c == ']') {
                return k;
            }
            if (c == '[') {
                return -1;
            }
        }
        return -1;
    }
}
