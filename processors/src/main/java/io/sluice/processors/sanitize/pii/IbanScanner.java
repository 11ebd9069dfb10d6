package io.sluice.processors.sanitize.pii;

import java.util.List;

/**
 * IBANs: a country code with an IBAN length, two check digits, then exactly that country's count
 * of letters and digits, compact or in groups of four split by single spaces, passing mod 97.
 */
final class IbanScanner {
    static final String TYPE = "IBAN";

    void scan(String s, List<Candidate> out) {
        int n = s.length();
        int i = 0;
        while (i + 4 <= n) {
            if (!startsIban(s, i)) {
                i++;
                continue;
            }
            int end = scanAt(s, i);
            if (end > 0) {
                out.add(new Candidate(TYPE, "pii.iban.mod97", i, end, Candidate.IBAN));
                i = end;
            } else {
                i++;
            }
        }
    }

    private static boolean startsIban(String s, int i) {
        return Text.isUpper(s.charAt(i)) && Text.isUpper(s.charAt(i + 1)) && Text.isDigit(s.charAt(i + 2))
                && Text.isDigit(s.charAt(i + 3)) && !Text.wordCharAt(s, i - 1)
                && IbanRules.length(s.substring(i, i + 2)) > 0;
    }

    /** The end of a valid IBAN starting at {@code start}, or -1. */
    private static int scanAt(String s, int start) {
        int want = IbanRules.length(s.substring(start, start + 2));
        StringBuilder compact = new StringBuilder(want);
        int i = start;
        int n = s.length();
        int sinceSpace = 0;
        boolean spaced = false;
        while (i < n && compact.length() < want) {
            char c = s.charAt(i);
            if (Text.isDigit(c) || Text.isUpper(c)) {
                compact.append(c);
                sinceSpace++;
                i++;
            } else if (c == ' ' && sinceSpace == 4 && i + 1 < n && Text.isAsciiAlnum(s.charAt(i + 1))
                    && (spaced || compact.length() == 4)) {
                spaced = true;
                sinceSpace = 0;
                i++;
            } else {
                return -1;
            }
        }
        if (compact.length() != want || Text.wordCharAt(s, i)) {
            return -1;
        }
        return IbanRules.isValid(compact.toString()) ? i : -1;
    }
}
