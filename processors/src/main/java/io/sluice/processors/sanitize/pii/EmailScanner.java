package io.sluice.processors.sanitize.pii;

import java.util.List;

/**
 * E-mail addresses, found from each {@code @} outwards: a local part of up to 64 chars that
 * starts with a letter or digit, a domain of dot-separated labels (letters, digits, inner
 * hyphens) ending in an alphabetic top-level label of two or more letters. {@code pkg@1.2.3} and
 * {@code @handle} are not addresses. Each {@code @} costs at most 64 + 253 char steps.
 */
final class EmailScanner {
    static final String TYPE = "EMAIL";
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;

    void scan(String s, List<Candidate> out) {
        int from = 0;
        int at;
        while ((at = s.indexOf('@', from)) >= 0) {
            from = at + 1;
            int start = localStart(s, at);
            if (start < 0) {
                continue;
            }
            int end = domainEnd(s, at + 1);
            if (end < 0) {
                continue;
            }
            out.add(new Candidate(TYPE, "pii.email", start, end, Candidate.EMAIL));
            from = end;
        }
    }

    private static boolean isLocalChar(char c) {
        return Text.isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
    }

    /** The start of the local part before {@code at}, or -1. */
    private static int localStart(String s, int at) {
        int i = at;
        while (i > 0 && at - i < MAX_LOCAL && isLocalChar(s.charAt(i - 1))) {
            i--;
        }
        if (i > 0 && isLocalChar(s.charAt(i - 1))) {
            return -1; // longer than an address may be
        }
        // trim leading punctuation ("'john@x.com", "--john@x.com"): the address starts at a letter or digit
        while (i < at && !Text.isAsciiAlnum(s.charAt(i))) {
            i++;
        }
        if (i == at || s.charAt(at - 1) == '.') {
            return -1;
        }
        if (i >= 3 && s.startsWith("://", i - 3)) {
            return -1; // the user part of a URL (https://key@host), not an address
        }
        return i;
    }

    /** The end of a valid domain after the {@code @}, or -1. */
    private static int domainEnd(String s, int from) {
        int i = from;
        int limit = Math.min(s.length(), from + MAX_DOMAIN);
        int lastDot = -1;
        int labelStart = from;
        int end = -1;
        while (i < limit) {
            char c = s.charAt(i);
            if (Text.isAsciiAlnum(c)) {
                i++;
                continue;
            }
            if (c == '-' && i > labelStart) {
                i++;
                continue;
            }
            if (c == '.' && i > labelStart && s.charAt(i - 1) != '-' && i + 1 < limit && Text.isAsciiAlnum(s.charAt(i + 1))) {
                lastDot = i;
                i++;
                labelStart = i;
                continue;
            }
            break;
        }
        end = i;
        while (end > labelStart && s.charAt(end - 1) == '-') {
            end--;
        }
        if (lastDot < 0 || end <= labelStart) {
            return -1;
        }
        int tld = end - labelStart;
        if (tld < 2 || tld > 24) {
            return -1;
        }
        for (int k = labelStart; k < end; k++) {
            if (!Character.isLetter(s.charAt(k))) {
                return -1;
            }
        }
        return end;
    }
}
