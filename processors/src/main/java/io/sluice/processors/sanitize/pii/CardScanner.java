package io.sluice.processors.sanitize.pii;

import java.util.ArrayList;
import java.util.List;

/**
 * Payment card numbers: 12 to 19 digits, written as one run or in groups split by single spaces
 * or hyphens (one kind of separator per number), whose prefix belongs to a card issuer's range
 * and whose Luhn check digit is right. A run of groups is tried group by group from its start (a
 * card starts where its run starts), so a card followed by more digits is still found; a group
 * layout that no issuer prints (e.g. 3-3-4-4-2) is not a card.
 */
final class CardScanner {
    static final String TYPE = "CREDIT_CARD";

    void scan(String s, List<Candidate> out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!Text.isDigit(s.charAt(i)) || !leftBoundary(s, i)) {
                i++;
                continue;
            }
            i = scanRun(s, i, out);
        }
    }

    private static boolean leftBoundary(String s, int i) {
        if (i == 0) {
            return true;
        }
        char p = s.charAt(i - 1);
        if (Character.isLetterOrDigit(p) || p == '_') {
            return false;
        }
        // "1.4111..." or "-4111..." (a signed or decimal number) is not a card
        return !((p == '.' || p == ',' || p == '-') && Text.isDigit(Text.charAt(s, i - 2)));
    }

    /** Scans the digit groups from {@code start}; returns where scanning goes on. */
    private static int scanRun(String s, int start, List<Candidate> out) {
        int n = s.length();
        List<int[]> groups = new ArrayList<>(); // [start, end) of each digit group
        char sep = 0;
        int i = start;
        int digits = 0;
        while (i < n && digits <= 24) {
            int g = i;
            while (i < n && Text.isDigit(s.charAt(i))) {
                i++;
            }
            groups.add(new int[] {g, i});
            digits += i - g;
            if (i + 1 < n && (s.charAt(i) == ' ' || s.charAt(i) == '-') && Text.isDigit(s.charAt(i + 1))
                    && (sep == 0 || sep == s.charAt(i))) {
                sep = s.charAt(i);
                i++;
                continue;
            }
            break;
        }
        int runEnd = i;
        int total = 0;
        for (int last = 0; last < groups.size(); last++) {
            total += groups.get(last)[1] - groups.get(last)[0];
            if (total > 19) {
                break;
            }
            int to = groups.get(last)[1];
            if (total >= 12 && rightBoundary(s, to) && layoutOk(groups, last)) {
                String number = digitsOf(s, start, to);
                if (CardRules.isCard(number)) {
                    out.add(new Candidate(TYPE, "pii.card.luhn", start, to, Candidate.CARD));
                    return to;
                }
            }
        }
        return Math.max(runEnd, start + 1);
    }

    private static boolean rightBoundary(String s, int to) {
        if (to >= s.length()) {
            return true;
        }
        char c = s.charAt(to);
        if (Character.isLetterOrDigit(c) || c == '_') {
            return false;
        }
        return !((c == '.' || c == ',') && Text.isDigit(Text.charAt(s, to + 1)));
    }

    /** One group, or groups of four with a shorter last one, or Amex/Diners 4-6-5 / 4-6-4. */
    private static boolean layoutOk(List<int[]> groups, int last) {
        int count = last + 1;
        if (count == 1) {
            return true;
        }
        int[] len = new int[count];
        for (int k = 0; k < count; k++) {
            len[k] = groups.get(k)[1] - groups.get(k)[0];
        }
        if (count == 3 && len[0] == 4 && len[1] == 6 && (len[2] == 5 || len[2] == 4)) {
            return true;
        }
        for (int k = 0; k < count - 1; k++) {
            if (len[k] != 4) {
                return false;
            }
        }
        return len[count - 1] >= 1 && len[count - 1] <= 4;
    }

    private static String digitsOf(String s, int from, int to) {
        StringBuilder b = new StringBuilder(19);
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (Text.isDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
