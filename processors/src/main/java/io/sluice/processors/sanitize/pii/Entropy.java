package io.sluice.processors.sanitize.pii;

import java.util.List;
import java.util.Locale;

/**
 * High-entropy tokens ({@code pii.secret.entropy}) and the check on values assigned to a
 * secret-sounding name ({@code pii.secret.assignment}).
 *
 * <p>A token is a run of base64/base64url chars of 20 to 1024 chars. It is a secret when it mixes
 * upper case, lower case and digits, its Shannon entropy per char is above what a random token of
 * its length falls below only about 1% of the time, it switches char class often (random
 * strings switch at about 0.6 of their positions, identifiers such as
 * {@code handleOAuth2CallbackForProviderX} at about 0.3), and at most 42% of it is in runs of four
 * or more lower-case letters (word parts: about half of {@code getUserAccountSettingsById2}, at
 * most 45% of 99% of random 20-char tokens, less for longer ones). Not secrets by decision:
 * <ul>
 *   <li>hex-only strings, with or without hyphens: commit SHAs, digests, UUIDs. They identify
 *       things, they grant nothing (and a hex-encoded secret is usually named, which the
 *       assignment rule catches);</li>
 *   <li>subresource-integrity hashes ({@code sha512-...}) and {@code data:...;base64,} payloads;</li>
 *   <li>runs longer than 1024 chars (encoded files, not credentials).</li>
 * </ul>
 */
final class Entropy {
    private Entropy() {
    }

    static final int MIN_TOKEN = 20;
    static final int MAX_TOKEN = 1024;
    private static final double MIN_SWITCH_RATIO = 0.3;
    private static final double MAX_WORDY = 0.42;
    /** Length, entropy floor: about the 1st percentile of random base62 tokens of that length. */
    private static final double[][] FLOOR = {
            {20, 3.6}, {24, 3.85}, {32, 4.2}, {40, 4.4}, {64, 4.85}, {100, 5.2}, {200, 5.5}};

    static boolean tokenChar(char c) {
        return bodyChar(c) || c == '=';
    }

    /** A token char other than {@code =}, which only pads the end of a token ({@code name=value} is two). */
    private static boolean bodyChar(char c) {
        return Text.isAsciiAlnum(c) || c == '+' || c == '/' || c == '_' || c == '-';
    }

    static void scan(String s, List<Candidate> out) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            if (!bodyChar(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && bodyChar(s.charAt(i))) {
                i++;
            }
            while (i < n && s.charAt(i) == '=' && i - start < MAX_TOKEN) {
                i++;
            }
            int end = i;
            // a token glued to a dot-separated or other word (a.b, x.y.z) is part of a longer name
            if (Text.charAt(s, end) == '.' && Text.isAsciiAlnum(Text.charAt(s, end + 1))) {
                continue;
            }
            if (Text.charAt(s, start - 1) == '.' && Text.isAsciiAlnum(Text.charAt(s, start - 2))) {
                continue;
            }
            while (end > start && (s.charAt(end - 1) == '-' || s.charAt(end - 1) == '_')) {
                end--;
            }
            if (isRandomToken(s, start, end) && !excludedByPrefix(s, start)) {
                out.add(new Candidate(SecretScanner.TYPE, "pii.secret.entropy", start, end, Candidate.ENTROPY));
            }
        }
    }

    /** The token test described in the class comment. */
    static boolean isRandomToken(CharSequence s, int start, int end) {
        int len = end - start;
        if (len < MIN_TOKEN || len > MAX_TOKEN) {
            return false;
        }
        Shape shape = Shape.of(s, start, end);
        if (shape.hexOnly() || shape.upper == 0 || shape.lower == 0 || shape.digits == 0) {
            return false;
        }
        return shape.entropy >= floor(len) && shape.switchRatio() >= MIN_SWITCH_RATIO && shape.wordy() <= MAX_WORDY;
    }

    /** A value assigned to a secret name: long and varied, or short with mixed char classes. */
    static boolean looksLikeSecretValue(CharSequence s, int start, int end) {
        int len = end - start;
        if (len < 6) {
            return false;
        }
        String v = s.subSequence(start, end).toString();
        String lower = v.toLowerCase(Locale.ROOT);
        char first = v.charAt(0);
        if (first == '$' || first == '{' || first == '%' || first == '(' || first == '[' || first == '*'
                || lower.contains("xxx") || lower.contains("***") || lower.contains("your") || lower.contains("placeholder")
                || lower.contains("redacted") || lower.contains("changeme") || lower.contains("example")
                || lower.startsWith("http") || lower.equals("required") || lower.equals("optional")) {
            return false;
        }
        Shape shape = Shape.of(s, start, end);
        if (shape.lower == 0 && shape.digits == 0) {
            return false; // ENV_VAR_NAME
        }
        if (v.matches("[A-Z]?[a-z]+(?:[-_][a-z]+)*")) {
            return false; // a word or a slug: "required", "Secret", "read-only"
        }
        if (v.matches("[A-Za-z_]+(?:\\.[A-Za-z_]+)+")) {
            return false; // a reference in code: settings.SECRET_KEY, os.environ
        }
        if (shape.classes() < 2 || (shape.digits == 0 && !hasStrongSymbol(v))) {
            return false;
        }
        return len < 16 || shape.entropy >= 3.0;
    }

    private static boolean hasStrongSymbol(String v) {
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (!Text.isAsciiAlnum(c) && c != '.' && c != '-' && c != '_') {
                return true;
            }
        }
        return false;
    }

    static double floor(int len) {
        if (len <= FLOOR[0][0]) {
            return FLOOR[0][1];
        }
        for (int k = 1; k < FLOOR.length; k++) {
            if (len <= FLOOR[k][0]) {
                double[] a = FLOOR[k - 1];
                double[] b = FLOOR[k];
                return a[1] + (b[1] - a[1]) * (len - a[0]) / (b[0] - a[0]);
            }
        }
        return FLOOR[FLOOR.length - 1][1];
    }

    private static boolean excludedByPrefix(String s, int start) {
        String head = s.substring(start, Math.min(s.length(), start + 7)).toLowerCase(Locale.ROOT);
        if (head.startsWith("sha1-") || head.startsWith("sha256-") || head.startsWith("sha384-")
                || head.startsWith("sha512-")) {
            return true;
        }
        String before = s.substring(Math.max(0, start - 7), start).toLowerCase(Locale.ROOT);
        return before.endsWith("base64,");
    }

    /** Char-class counts, entropy and class switches of a span. */
    static final class Shape {
        int upper;
        int lower;
        int digits;
        int symbols;
        int switches;
        int length;
        int inLowerRuns;
        boolean hex = true;
        double entropy;

        static Shape of(CharSequence s, int start, int end) {
            Shape sh = new Shape();
            int[] counts = new int[128];
            int others = 0;
            int prevClass = -1;
            int lowerRun = 0;
            for (int k = start; k < end; k++) {
                char c = s.charAt(k);
                int cls;
                if (Text.isUpper(c)) {
                    sh.upper++;
                    cls = 0;
                } else if (Text.isLower(c)) {
                    sh.lower++;
                    cls = 1;
                } else if (Text.isDigit(c)) {
                    sh.digits++;
                    cls = 2;
                } else {
                    sh.symbols++;
                    cls = 3;
                }
                if (!Text.isHex(c) && c != '-') {
                    sh.hex = false;
                }
                if (prevClass >= 0 && cls != prevClass) {
                    sh.switches++;
                }
                if (cls == 1) {
                    lowerRun++;
                    if (lowerRun == 4) {
                        sh.inLowerRuns += 4;
                    } else if (lowerRun > 4) {
                        sh.inLowerRuns++;
                    }
                } else {
                    lowerRun = 0;
                }
                prevClass = cls;
                if (c < 128) {
                    counts[c]++;
                } else {
                    others++;
                }
            }
            sh.length = end - start;
            double h = 0;
            for (int count : counts) {
                if (count > 0) {
                    double p = (double) count / sh.length;
                    h -= p * Math.log(p);
                }
            }
            if (others > 0) {
                double p = (double) others / sh.length;
                h -= p * Math.log(p);
            }
            sh.entropy = h / Math.log(2);
            return sh;
        }

        boolean hexOnly() {
            return hex;
        }

        int classes() {
            return (upper > 0 ? 1 : 0) + (lower > 0 ? 1 : 0) + (digits > 0 ? 1 : 0) + (symbols > 0 ? 1 : 0);
        }

        /** The share of chars in runs of four or more lower-case letters. */
        double wordy() {
            return length == 0 ? 0 : (double) inLowerRuns / length;
        }

        double switchRatio() {
            return length <= 1 ? 0 : (double) switches / (length - 1);
        }
    }
}
