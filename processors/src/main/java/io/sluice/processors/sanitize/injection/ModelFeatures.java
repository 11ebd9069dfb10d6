package io.sluice.processors.sanitize.injection;

import java.util.ArrayList;
import java.util.List;

/**
 * The features {@link InjectionModel} reads: hashed character 3- to 5-grams and word uni- and
 * bigrams of the matching views ({@link Normaliser#skeleton}) of a text and of everything decoded
 * from it, so that the disguises are off before the model looks. A scan collects the views
 * ({@link #add}); the model then cuts them into windows of at most {@link #WINDOW} chars
 * ({@link #windows}), each a set of distinct feature buckets. Short texts (all the training data)
 * are one window holding all their views; longer ones are windows of {@link #WINDOW} chars every
 * {@link #STRIDE} chars of each view, so an order hidden in a long document is not diluted by it.
 *
 * <p>The work is linear: about five hash steps per char, twice over for overlapping windows.
 * Features carry skeleton offsets, never text, so the model can point at the n-grams that
 * counted most without keeping any of them.
 */
final class ModelFeatures {
    /** Changes whenever a feature would hash differently; the weight file names the version it was trained for. */
    static final int VERSION = 1;
    static final int BITS = 18;
    static final int BUCKETS = 1 << BITS;
    static final int WINDOW = 512;
    static final int STRIDE = WINDOW / 2;
    static final int MIN_GRAM = 3;
    static final int MAX_GRAM = 5;

    private static final int SEED_CHAR = 0x2f1c9a57;
    private static final int SEED_WORD = 0x6b43a9b5;
    private static final int SEED_PAIR = 0x1b873593;

    /** One view: a skeleton, and the span of the original text it stands for when it was decoded (else null). */
    record View(TextView skeleton, int[] segment) {}

    private final List<View> views = new ArrayList<>(2);
    private int chars;

    void add(TextView skeleton, int[] segment) {
        views.add(new View(skeleton, segment));
        chars += skeleton.length();
    }

    List<View> views() {
        return views;
    }

    /** The windows to score, as {view, from, to}; {-1, 0, 0} stands for all the views together (a short text). */
    List<int[]> windows() {
        List<int[]> out = new ArrayList<>();
        if (chars <= WINDOW) {
            out.add(new int[] {-1, 0, 0});
            return out;
        }
        for (int v = 0; v < views.size(); v++) {
            int n = views.get(v).skeleton().length();
            for (int from = 0; from < n; from += STRIDE) {
                int to = Math.min(n, from + WINDOW);
                out.add(new int[] {v, from, to});
                if (to == n) {
                    break;
                }
            }
        }
        return out;
    }

    /** An empty window big enough for any of {@link #windows()}; {@code weights} to sum, {@code positions} to explain. */
    Window newWindow(float[] weights, boolean positions) {
        return new Window(Math.min(chars, WINDOW), weights, positions);
    }

    /** Clears {@code w} and fills it with the features of {@code range}, one of {@link #windows()}. */
    void fill(Window w, int[] range) {
        w.clear();
        if (range[0] < 0) {
            for (int v = 0; v < views.size(); v++) {
                w.hash(views.get(v).skeleton(), v, 0, views.get(v).skeleton().length());
            }
        } else {
            w.hash(views.get(range[0]).skeleton(), range[0], range[1], range[2]);
        }
    }

    /**
     * The distinct buckets of one window in an open-addressing table sized for it, with the sum of
     * their weights and, if asked, where each first occurred (view, skeleton span).
     */
    static final class Window {
        private final int[] keys; // bucket + 1; 0 is empty
        private final int[] used; // the slots taken, to clear them
        private final int[] where; // view, from, to of the slot's first occurrence, or null
        private final float[] weights;
        private final int mask;
        private int size;
        private double sum;

        Window(int chars, float[] weights, boolean positions) {
            // at most 3 char n-grams, a word and a pair per char; a table at most half full
            int expected = 5 * chars + 8;
            int cap = Integer.highestOneBit(expected * 4 - 1);
            keys = new int[cap];
            used = new int[expected];
            where = positions ? new int[cap * 3] : null;
            this.weights = weights;
            mask = cap - 1;
        }

        private void clear() {
            for (int k = 0; k < size; k++) {
                keys[used[k]] = 0;
            }
            size = 0;
            sum = 0;
        }

        int size() {
            return size;
        }

        /** The sum of the weights of the distinct buckets (0 without weights). */
        double sum() {
            return sum;
        }

        /** The distinct buckets, in the order they first occurred. */
        int[] buckets() {
            int[] out = new int[size];
            for (int k = 0; k < size; k++) {
                out[k] = keys[used[k]] - 1;
            }
            return out;
        }

        /** Calls {@code each} with every distinct bucket and where it first occurred (a window made with positions). */
        void forEach(BucketVisitor each) {
            for (int k = 0; k < size; k++) {
                int i = used[k];
                each.visit(keys[i] - 1, where[3 * i], where[3 * i + 1], where[3 * i + 2]);
            }
        }

        private void put(int bucket, int view, int from, int to) {
            int i = mix(bucket) & mask;
            while (keys[i] != 0) {
                if (keys[i] == bucket + 1) {
                    return;
                }
                i = (i + 1) & mask;
            }
            keys[i] = bucket + 1;
            used[size++] = i;
            if (weights != null) {
                sum += weights[bucket];
            }
            if (where != null) {
                where[3 * i] = view;
                where[3 * i + 1] = from;
                where[3 * i + 2] = to;
            }
        }

        private void hash(TextView s, int view, int from, int to) {
            // character n-grams, separators read as one space
            for (int i = from; i < to; i++) {
                int h = SEED_CHAR;
                for (int k = 0; k < MAX_GRAM && i + k < to; k++) {
                    h = (h ^ fold(s.charAt(i + k))) * 0x01000193;
                    if (k + 1 >= MIN_GRAM) {
                        put(bucket(h ^ (k + 1)), view, i, i + k + 1);
                    }
                }
            }
            // words: runs of letters and digits; each Chinese (or other unspaced script) char is a word of its own
            int prev = 0;
            int prevStart = -1;
            int i = from;
            while (i < to) {
                char c = s.charAt(i);
                if (isSeparator(c)) {
                    i++;
                    continue;
                }
                int start = i;
                int h = SEED_WORD;
                if (isUnspaced(c)) {
                    h = (h ^ c) * 0x01000193;
                    i++;
                } else {
                    while (i < to && !isSeparator(s.charAt(i)) && !isUnspaced(s.charAt(i))) {
                        h = (h ^ s.charAt(i)) * 0x01000193;
                        i++;
                    }
                }
                put(bucket(h), view, start, i);
                if (prevStart >= 0) {
                    put(bucket(prev * 31 + h ^ SEED_PAIR), view, prevStart, i);
                }
                prev = h;
                prevStart = start;
            }
        }
    }

    @FunctionalInterface
    interface BucketVisitor {
        void visit(int bucket, int view, int from, int to);
    }

    private static char fold(char c) {
        return c == '\n' ? ' ' : c;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\n';
    }

    private static boolean isUnspaced(char c) {
        return c >= 0x2E80 && c <= 0x9FFF || c >= 0xF900 && c <= 0xFAFF || c >= 0x3040 && c <= 0x30FF
                || c >= 0xAC00 && c <= 0xD7AF;
    }

    private static int bucket(int h) {
        return mix(h) & (BUCKETS - 1);
    }

    /** The 32-bit finaliser of MurmurHash3: spreads every input bit over the output. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
