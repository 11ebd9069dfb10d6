package io.sluice.processors.sanitize.pii;

import java.util.List;
import java.util.Set;

/**
 * US Social Security numbers: {@code AAA-GG-SSSS} (hyphens or spaces, the same twice), or nine
 * bare digits right after a cue such as "SSN", with the issuing rules: area not 000, 666 or
 * 900-999, group not 00, serial not 0000, and not the numbers published in advertising. A
 * number right after a reference cue ("order", "invoice", "#") is not an SSN.
 */
final class SsnScanner {
    static final String TYPE = "US_SSN";
    private static final Set<String> CUES = Set.of("ssn", "ssns", "social", "security", "ss", "sozialversicherungsnummer",
            "taxpayer", "tin", "itin");

    void scan(String s, List<Candidate> out) {
        int n = s.length();
        int i = 0;
        while (i + 9 <= n) {
            if (!Text.isDigit(s.charAt(i)) || !leftBoundary(s, i)) {
                i++;
                continue;
            }
            int end = formatted(s, i);
            String rule = "pii.ssn.format";
            if (end < 0) {
                end = bare(s, i);
                rule = "pii.ssn.context";
            }
            if (end > 0 && rightBoundary(s, end) && !References.cueBefore(s, i)) {
                out.add(new Candidate(TYPE, rule, i, end, Candidate.SSN));
                i = end;
                continue;
            }
            // skip the rest of this digit run
            while (i < n && Text.isDigit(s.charAt(i))) {
                i++;
            }
        }
    }

    private static int formatted(String s, int i) {
        if (i + 11 > s.length()) {
            return -1;
        }
        char sep = s.charAt(i + 3);
        if ((sep != '-' && sep != ' ') || s.charAt(i + 6) != sep) {
            return -1;
        }
        for (int k : new int[] {0, 1, 2, 4, 5, 7, 8, 9, 10}) {
            if (!Text.isDigit(s.charAt(i + k))) {
                return -1;
            }
        }
        String digits = s.substring(i, i + 3) + s.substring(i + 4, i + 6) + s.substring(i + 7, i + 11);
        return isValid(digits) ? i + 11 : -1;
    }

    private static int bare(String s, int i) {
        for (int k = 0; k < 9; k++) {
            if (!Text.isDigit(s.charAt(i + k))) {
                return -1;
            }
        }
        if (!isValid(s.substring(i, i + 9)) || !Text.cueBefore(s, i, 32, 3, CUES)) {
            return -1;
        }
        return i + 9;
    }

    /** Nine digits that could have been issued. */
    static boolean isValid(String digits) {
        if (digits.length() != 9) {
            return false;
        }
        int area = Integer.parseInt(digits.substring(0, 3));
        int group = Integer.parseInt(digits.substring(3, 5));
        int serial = Integer.parseInt(digits.substring(5));
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        return !digits.equals("078051120") && !digits.equals("219099999") && !digits.equals("123456789");
    }

    private static boolean leftBoundary(String s, int i) {
        char p = Text.charAt(s, i - 1);
        if (Character.isLetterOrDigit(p) || p == '_' || p == '+') {
            return false;
        }
        return !((p == '-' || p == '.' || p == '/' || p == ':') && Text.wordCharAt(s, i - 2));
    }

    private static boolean rightBoundary(String s, int end) {
        char c = Text.charAt(s, end);
        if (Character.isLetterOrDigit(c) || c == '_') {
            return false;
        }
        return !((c == '-' || c == '.' || c == '/' || c == ':') && Text.wordCharAt(s, end + 1));
    }
}
