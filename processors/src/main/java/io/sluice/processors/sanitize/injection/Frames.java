package io.sluice.processors.sanitize.injection;

/**
 * Regions of the original text that change how a match reads: inside quotes or code (a quoted
 * attack in a training text is an example, not an order) and inside containers a reader does not
 * see (HTML comments, elements styled invisible, markdown comments), where an order is hidden on
 * purpose. Found in one linear pass each; each region is capped in length so that an unclosed
 * quote does not cover the rest of the text.
 */
final class Frames {
    private static final int MAX_QUOTE = 600;
    private static final int MAX_HIDDEN = 4000;

    private final int[] quotedGaps; // prefix count of chars not inside a quote
    private final int[] hiddenGaps;  // prefix count of chars not inside a hidden container

    private Frames(int[] quotedGaps, int[] hiddenGaps) {
        this.quotedGaps = quotedGaps;
        this.hiddenGaps = hiddenGaps;
    }

    static Frames of(String s) {
        int n = s.length();
        int[] quoted = new int[n + 1];
        int[] hidden = new int[n + 1];
        quotes(s, quoted);
        containers(s, hidden);
        return new Frames(gaps(quoted), gaps(hidden));
    }

    boolean quoted(int start, int end) {
        return covered(quotedGaps, start, end);
    }

    /** Whether some char of {@code [start, end)} is inside quotes or code. */
    boolean partlyQuoted(int start, int end) {
        return end > start && end < quotedGaps.length && quotedGaps[end] - quotedGaps[start] < end - start;
    }

    boolean hidden(int start, int end) {
        return covered(hiddenGaps, start, end);
    }

    private static boolean covered(int[] gaps, int start, int end) {
        if (end <= start || end >= gaps.length) {
            return false;
        }
        return gaps[end] - gaps[start] == 0;
    }

    /** Turns a difference array of covered ranges into a prefix count of uncovered chars. */
    private static int[] gaps(int[] diff) {
        int[] gaps = new int[diff.length];
        int depth = 0;
        for (int i = 0; i + 1 < diff.length; i++) {
            depth += diff[i];
            gaps[i + 1] = gaps[i] + (depth > 0 ? 0 : 1);
        }
        return gaps;
    }

    private static void cover(int[] diff, int from, int to) {
        if (to > from) {
            diff[from]++;
            diff[to]--;
        }
    }

    private static final String OPENERS = "\"“„«‹「『`";
    private static final String CLOSERS = "\"”“»›」』`";

    private static void quotes(String s, int[] diff) {
        int n = s.length();
        int[] open = new int[OPENERS.length() + 1];
        java.util.Arrays.fill(open, -1);
        int single = OPENERS.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '`' && s.startsWith("```", i)) {
                int close = s.indexOf("```", i + 3);
                int end = close < 0 || close - i > MAX_HIDDEN ? Math.min(n, i + MAX_HIDDEN) : close + 3;
                cover(diff, i, end);
                i = end - 1;
                continue;
            }
            int k = CLOSERS.indexOf(c);
            if (k >= 0 && open[k] >= 0 && i - open[k] <= MAX_QUOTE) {
                cover(diff, open[k], i + 1);
                open[k] = -1;
                continue;
            }
            // “ closes a „ quote (German) and opens an English one
            if (c == '“' && open[1] >= 0 && i - open[1] <= MAX_QUOTE) {
                cover(diff, open[1], i + 1);
                open[1] = -1;
                continue;
            }
            int o = OPENERS.indexOf(c);
            if (o >= 0) {
                open[o] = i;
                continue;
            }
            if (c == '\'') {
                boolean opens = (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))
                        && i + 1 < n && Character.isLetter(s.charAt(i + 1));
                boolean closes = i > 0 && !Character.isWhitespace(s.charAt(i - 1))
                        && (i + 1 == n || !Character.isLetterOrDigit(s.charAt(i + 1)));
                if (closes && open[single] >= 0 && i - open[single] <= MAX_QUOTE) {
                    cover(diff, open[single], i + 1);
                    open[single] = -1;
                } else if (opens) {
                    open[single] = i;
                }
            }
        }
    }

    private static final String[] HIDING_STYLES = {"display:none", "display: none", "visibility:hidden",
        "visibility: hidden", "font-size:0", "font-size: 0", "font-size:1px", "color:white", "color: white",
        "color:#fff", "color: #fff", "opacity:0", "opacity: 0", "hidden>", "aria-hidden", "class=\"hidden",
        "class=\"sr-only", "height:0", "width:0"};

    private static void containers(String s, int[] diff) {
        int n = s.length();
        String low = s.toLowerCase(java.util.Locale.ROOT);
        if (low.length() != n) {
            return; // a char changed length when lower-cased: offsets would not line up
        }
        int from = 0;
        while ((from = low.indexOf("<!--", from)) >= 0) {
            int close = low.indexOf("-->", from + 4);
            int end = close < 0 || close - from > MAX_HIDDEN ? Math.min(n, from + MAX_HIDDEN) : close + 3;
            cover(diff, from, end);
            from = end;
        }
        for (String style : HIDING_STYLES) {
            from = 0;
            while ((from = low.indexOf(style, from)) >= 0) {
                int close = low.indexOf("</", from);
                int end = close < 0 || close - from > MAX_HIDDEN ? Math.min(n, from + MAX_HIDDEN) : close;
                cover(diff, from, end);
                from = Math.max(end, from + style.length());
            }
        }
        from = 0;
        while ((from = low.indexOf("[//]:", from)) >= 0) {
            int close = low.indexOf('\n', from);
            int end = close < 0 ? n : close;
            cover(diff, from, end);
            from = end;
        }
    }
}
