package io.sluice.processors.sanitize.pii;

import java.util.List;
import java.util.Set;

/**
 * IP addresses. IPv4: four dot-separated decimal octets 0-255 without leading zeros, not part of
 * a longer dotted number (an OID, a five-part version) and not right after a version cue
 * ("v", "version", "release", "build"...). IPv6: the RFC 4291 text forms (eight groups, one
 * {@code ::} compression, an IPv4 tail), not glued to a word; a compressed form needs two groups
 * and a digit, so {@code std::vector} or {@code a::b} are not addresses.
 */
final class IpScanner {
    static final String TYPE = "IP_ADDRESS";
    private static final Set<String> VERSION_CUES = Set.of(
            "v", "ver", "version", "versions", "release", "rel", "build", "firmware", "fw", "patch",
            "sdk", "tag", "bumped", "bump", "upgrade", "upgraded", "downgrade", "downgraded", "update",
            "updated", "jdk", "kernel", "oid", "os", "ios", "android", "chrome", "firefox", "assembly");

    void scan(String s, List<Candidate> out) {
        scanV4(s, out);
        scanV6(s, out);
    }

    // ---- IPv4 ----

    private static void scanV4(String s, List<Candidate> out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!Text.isDigit(c) || !v4LeftBoundary(s, i)) {
                i++;
                continue;
            }
            int end = v4At(s, i);
            if (end > 0 && v4RightBoundary(s, end) && !versionCue(s, i)) {
                out.add(new Candidate(TYPE, "pii.ip.v4", i, end, Candidate.IP));
                i = end;
            } else {
                while (i < n && (Text.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
            }
        }
    }

    /**
     * A version cue among the three words before {@code i}, not counting numbers, so that in
     * "from version 1.2.3.4 to 1.2.4.0" both are versions.
     */
    private static boolean versionCue(String s, int i) {
        String[] words = Text.wordsBefore(s, i, 48);
        int seen = 0;
        for (int k = words.length - 1; k >= 0 && seen < 3; k--) {
            String w = words[k];
            if (w.isEmpty() || w.chars().allMatch(Character::isDigit)) {
                continue;
            }
            seen++;
            if (VERSION_CUES.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean v4LeftBoundary(String s, int i) {
        char p = Text.charAt(s, i - 1);
        if (Character.isLetterOrDigit(p) || p == '_' || p == '.' || p == '$') {
            return false;
        }
        return !(p == '-' && Text.wordCharAt(s, i - 2));
    }

    /** The end of four valid octets from {@code i}, or -1. */
    static int v4At(String s, int i) {
        int n = s.length();
        for (int octet = 0; octet < 4; octet++) {
            int start = i;
            int value = 0;
            while (i < n && Text.isDigit(s.charAt(i)) && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || value > 255 || (len > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            if (octet < 3) {
                if (i >= n || s.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i;
    }

    private static boolean v4RightBoundary(String s, int end) {
        char c = Text.charAt(s, end);
        if (Character.isLetterOrDigit(c) || c == '_') {
            return false;
        }
        if (c == '.' && Text.isDigit(Text.charAt(s, end + 1))) {
            return false; // a fifth part: an OID or a long version
        }
        return !(c == '-' && Character.isLetter(Text.charAt(s, end + 1))); // 1.2.3.4-beta
    }

    // ---- IPv6 ----

    private static boolean v6Char(char c) {
        return Text.isHex(c) || c == ':' || c == '.';
    }

    private static void scanV6(String s, List<Candidate> out) {
        int n = s.length();
        int from = 0;
        int colon;
        while ((colon = s.indexOf(':', from)) >= 0) {
            int start = colon;
            while (start > 0 && v6Char(s.charAt(start - 1)) && colon - start < 45) {
                start--;
            }
            int end = colon;
            while (end < n && v6Char(s.charAt(end)) && end - start < 45) {
                end++;
            }
            from = Math.max(end, colon + 1);
            // the run must stand alone: no word char glued to either side
            if (Text.wordCharAt(s, start - 1) || Text.wordCharAt(s, end) || s.charAt(start) == '.') {
                continue;
            }
            // trailing sentence punctuation ("...::1." or "fe80::1:") is not part of the address
            for (int trim = 0; trim < 3 && end > start; trim++) {
                if (isV6(s, start, end)) {
                    out.add(new Candidate(TYPE, "pii.ip.v6", start, end, Candidate.IP));
                    break;
                }
                char last = s.charAt(end - 1);
                if (last != '.' && last != ':') {
                    break;
                }
                end--;
            }
        }
    }

    /** Whether {@code s[start, end)} is an IPv6 address in text form (with the extra rules above). */
    static boolean isV6(String s, int start, int end) {
        String a = s.substring(start, end);
        int dbl = a.indexOf("::");
        if (dbl >= 0 && a.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        if (a.contains(":::")) {
            return false;
        }
        String head = dbl >= 0 ? a.substring(0, dbl) : a;
        String tail = dbl >= 0 ? a.substring(dbl + 2) : "";
        if ((dbl < 0 && (a.startsWith(":") || a.endsWith(":"))) || (dbl > 0 && a.charAt(0) == ':')
                || (dbl >= 0 && dbl + 2 < a.length() && tail.startsWith(":"))) {
            return false;
        }
        int[] counts = new int[3]; // groups, non-empty groups, has-digit flag
        int headGroups = groups(head, tail.isEmpty() && dbl < 0, counts);
        if (headGroups < 0) {
            return false;
        }
        int tailGroups = dbl >= 0 ? groups(tail, true, counts) : 0;
        if (tailGroups < 0) {
            return false;
        }
        int total = headGroups + tailGroups;
        if (dbl < 0) {
            return total == 8;
        }
        return total <= 7 && counts[1] >= 2 && counts[2] > 0;
    }

    /**
     * Counts the 16-bit groups of a colon-separated part ({@code ""} has none); an IPv4 tail, only
     * allowed in the last part, counts as two. -1 when malformed.
     */
    private static int groups(String part, boolean last, int[] counts) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] gs = part.split(":", -1);
        int total = 0;
        for (int k = 0; k < gs.length; k++) {
            String g = gs[k];
            if (g.indexOf('.') >= 0) {
                if (!last || k != gs.length - 1 || v4At(g, 0) != g.length()) {
                    return -1;
                }
                total += 2;
                counts[1] += 2;
                counts[2] = 1;
                continue;
            }
            if (g.isEmpty() || g.length() > 4) {
                return -1;
            }
            for (int c = 0; c < g.length(); c++) {
                if (!Text.isHex(g.charAt(c))) {
                    return -1;
                }
                if (Text.isDigit(g.charAt(c))) {
                    counts[2] = 1;
                }
            }
            total++;
            counts[1]++;
        }
        return total;
    }
}
