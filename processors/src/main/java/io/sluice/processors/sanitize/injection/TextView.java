package io.sluice.processors.sanitize.injection;

/**
 * A rewritten form of a text that remembers, for every char, the span of the original text it
 * came from, and how it was rewritten ({@code flags}), so that a match in the rewritten form can be
 * reported on the original and tell which disguise it took off.
 */
final class TextView {
    /** An invisible char (zero-width, bidi control) was removed right before this char, inside a word. */
    static final byte INVISIBLE = 1;
    /** NFKC turned a styled letter (full-width, mathematical, circled...) into a plain one. */
    static final byte STYLED = 2;
    /** A Cyrillic or Greek look-alike was folded to a Latin letter. */
    static final byte HOMOGLYPH = 4;
    /** A digit or symbol inside a word was read as a letter ({@code 1gn0r3}). */
    static final byte LEET = 8;
    /** The letter was one of a run of letters spaced out ({@code i g n o r e}). */
    static final byte SPACED = 16;

    final String text;
    private final int[] starts;
    private final int[] ends;
    private final byte[] flags;

    TextView(String text, int[] starts, int[] ends, byte[] flags) {
        if (starts.length < text.length() || ends.length < text.length() || flags.length < text.length()) {
            throw new IllegalArgumentException("offset arrays shorter than the text");
        }
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.flags = flags;
    }

    int length() {
        return text.length();
    }

    char charAt(int i) {
        return text.charAt(i);
    }

    /** The first original char behind {@code i}. */
    int start(int i) {
        return starts[i];
    }

    /** The original index past the chars behind {@code i}. */
    int end(int i) {
        return ends[i];
    }

    byte flags(int i) {
        return flags[i];
    }

    /** The original span behind {@code [from, to)}, as {@code {start, end}}. */
    int[] originalSpan(int from, int to) {
        if (to <= from) {
            int at = from < text.length() ? starts[from] : (text.isEmpty() ? 0 : ends[text.length() - 1]);
            return new int[] {at, at};
        }
        // chars are in order, except in a reversed view: take the hull of both ends
        return new int[] {Math.min(starts[from], starts[to - 1]), Math.max(ends[from], ends[to - 1])};
    }

    /** The union of the flags of {@code [from, to)}. */
    int flagsIn(int from, int to) {
        int f = 0;
        for (int i = from; i < to; i++) {
            f |= flags[i];
        }
        return f;
    }

    /** Growable parallel arrays, to build a view char by char. */
    static final class Builder {
        private final StringBuilder text;
        private int[] starts;
        private int[] ends;
        private byte[] flags;

        Builder(int capacity) {
            int c = Math.max(16, capacity);
            text = new StringBuilder(c);
            starts = new int[c];
            ends = new int[c];
            flags = new byte[c];
        }

        void append(char c, int start, int end, int flag) {
            int n = text.length();
            if (n == starts.length) {
                int c2 = n * 2;
                starts = java.util.Arrays.copyOf(starts, c2);
                ends = java.util.Arrays.copyOf(ends, c2);
                flags = java.util.Arrays.copyOf(flags, c2);
            }
            text.append(c);
            starts[n] = start;
            ends[n] = end;
            flags[n] = (byte) flag;
        }

        int length() {
            return text.length();
        }

        char charAt(int i) {
            return text.charAt(i);
        }

        void orFlags(int i, int flag) {
            flags[i] |= (byte) flag;
        }

        TextView build() {
            return new TextView(text.toString(), starts, ends, flags);
        }
    }
}
