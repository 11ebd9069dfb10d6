package io.sluice.processors.sanitize.pii;

import java.util.Locale;
import java.util.Set;

/** Small character and context tests the scanners share. All of them look at a bounded window. */
final class Text {
    private Text() {
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isAsciiAlnum(char c) {
        return isDigit(c) || isUpper(c) || isLower(c);
    }

    static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** True when the char at {@code i} exists and is a letter or digit (any script). */
    static boolean wordCharAt(CharSequence s, int i) {
        return i >= 0 && i < s.length() && Character.isLetterOrDigit(s.charAt(i));
    }

    static char charAt(CharSequence s, int i) {
        return i >= 0 && i < s.length() ? s.charAt(i) : '\0';
    }

    /**
     * The lower-cased words of up to {@code window} chars before {@code pos}, on the same line,
     * nearest last. Used for cue words such as "order" before a number or "phone" before digits.
     */
    static String[] wordsBefore(CharSequence s, int pos, int window) {
        int from = Math.max(0, pos - window);
        for (int i = pos - 1; i >= from; i--) {
            if (s.charAt(i) == '\n') {
                from = i + 1;
                break;
            }
        }
        String before = s.subSequence(from, pos).toString().toLowerCase(Locale.ROOT);
        String[] words = before.split("[^\\p{L}\\p{N}]+");
        // the first word may be cut by the window: drop it unless the window starts at a boundary
        if (from > 0 && words.length > 0 && wordCharAt(s, from - 1) && wordCharAt(s, from)) {
            words[0] = "";
        }
        return words;
    }

    /** Whether one of the last {@code maxWords} words before {@code pos} is a cue. */
    static boolean cueBefore(CharSequence s, int pos, int window, int maxWords, Set<String> cues) {
        String[] words = wordsBefore(s, pos, window);
        int seen = 0;
        for (int i = words.length - 1; i >= 0 && seen < maxWords; i--) {
            if (words[i].isEmpty()) {
                continue;
            }
            seen++;
            if (cues.contains(words[i])) {
                return true;
            }
        }
        return false;
    }

    /** The nearest non-space char before {@code pos} on the same line, or '\0'. */
    static char previousNonSpace(CharSequence s, int pos) {
        for (int i = pos - 1; i >= 0 && i >= pos - 4; i--) {
            char c = s.charAt(i);
            if (c == '\n') {
                return '\0';
            }
            if (c != ' ' && c != '\t') {
                return c;
            }
        }
        return '\0';
    }
}
