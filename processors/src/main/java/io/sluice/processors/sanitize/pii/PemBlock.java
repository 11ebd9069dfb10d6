package io.sluice.processors.sanitize.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The extent of a PEM private key: its {@code -----BEGIN ... PRIVATE KEY-----} line, the body
 * (base64 chars, whitespace, header lines such as {@code Proc-Type: 4,ENCRYPTED}, and literal
 * {@code \n} escapes as in a JSON key file) and its {@code -----END ...-----} line. A key whose END
 * line is missing ends where the body chars end. The same rules serve the whole-text scanner and
 * the streaming filter, which feeds the body in pieces ({@link #bodyEnd} says when it needs more).
 */
final class PemBlock {
    private PemBlock() {
    }

    static final String RULE = "pii.secret.pem";
    static final Pattern BEGIN = Pattern.compile("-----BEGIN (?:[A-Z0-9]{1,12} ){0,2}PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern END = Pattern.compile("-----END [A-Z0-9 ]{1,40}-----");
    /** The longest END line: what the streaming filter may need to see at once. */
    static final int MAX_END_LINE = 54;
    static final int NEED_MORE = -2;

    static boolean bodyChar(char c) {
        return Text.isAsciiAlnum(c) || c == '+' || c == '/' || c == '=' || c == ' ' || c == '\t' || c == '\r'
                || c == '\n' || c == '\\' || c == ':' || c == ',';
    }

    static boolean whitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * Scans the body from {@code from}. Returns the index past the END line when there is one,
     * else the index past the last non-whitespace body char (a body ends at a char that is not a
     * body char, or at a run of five dashes that is not an END line). When {@code atEnd} is false
     * and the text runs out before that is decided, returns {@link #NEED_MORE}.
     */
    static int bodyEnd(CharSequence s, int from, boolean atEnd) {
        int n = s.length();
        int lastSolid = from;
        int i = from;
        while (i < n) {
            char c = s.charAt(i);
            if (bodyChar(c)) {
                if (!whitespace(c)) {
                    lastSolid = i + 1;
                }
                i++;
                continue;
            }
            if (c != '-') {
                return lastSolid;
            }
            int dashes = 0;
            while (i + dashes < n && s.charAt(i + dashes) == '-' && dashes < 5) {
                dashes++;
            }
            if (dashes < 5) {
                if (i + dashes >= n && !atEnd) {
                    return NEED_MORE;
                }
                lastSolid = i + dashes; // a hyphen inside a header line (DES-EDE3-CBC)
                i += dashes;
                continue;
            }
            Matcher m = END.matcher(s).region(i, Math.min(n, i + MAX_END_LINE));
            if (m.lookingAt()) {
                return m.end();
            }
            if (!atEnd && n - i < MAX_END_LINE && couldBecomeEnd(s, i)) {
                return NEED_MORE;
            }
            return lastSolid;
        }
        return atEnd ? lastSolid : NEED_MORE;
    }

    /** Whether the text from {@code i} (five dashes) to the end is a prefix of some END line. */
    private static boolean couldBecomeEnd(CharSequence s, int i) {
        String prefix = "-----END ";
        int n = s.length();
        int k = 0;
        for (; k < prefix.length() && i + k < n; k++) {
            if (s.charAt(i + k) != prefix.charAt(k)) {
                return false;
            }
        }
        int dashes = 0;
        for (int j = i + k; j < n; j++) {
            char c = s.charAt(j);
            if (c == '-') {
                dashes++;
            } else if (dashes > 0 || !(Text.isUpper(c) || Text.isDigit(c) || c == ' ')) {
                return false;
            }
        }
        return dashes < 5;
    }
}
