package io.sluice.processors.sanitize.injection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A multi-pattern string matcher: one pass over the text finds every occurrence of every
 * pattern, in time linear in the text plus the matches reported. Immutable once built.
 */
final class AhoCorasick {
    /** Receives each occurrence; return false to stop the scan. */
    interface Sink {
        boolean match(int pattern, int start, int end);
    }

    private final char[][] keys;   // per node: sorted transition chars
    private final int[][] targets; // per node: the node each key leads to
    private final int[] fail;
    private final int[][] outputs; // per node: patterns ending here, including via failure links
    private final int[] lengths;

    AhoCorasick(List<String> patterns) {
        List<Map<Character, Integer>> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(new HashMap<>());
        out.add(new ArrayList<>());
        lengths = new int[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            String s = patterns.get(p);
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            lengths[p] = s.length();
            int node = 0;
            for (int i = 0; i < s.length(); i++) {
                Integer next = trie.get(node).get(s.charAt(i));
                if (next == null) {
                    next = trie.size();
                    trie.add(new HashMap<>());
                    out.add(new ArrayList<>());
                    trie.get(node).put(s.charAt(i), next);
                }
                node = next;
            }
            out.get(node).add(p);
        }
        int size = trie.size();
        keys = new char[size][];
        targets = new int[size][];
        for (int node = 0; node < size; node++) {
            Map<Character, Integer> t = trie.get(node);
            char[] k = new char[t.size()];
            int i = 0;
            for (char c : t.keySet()) {
                k[i++] = c;
            }
            Arrays.sort(k);
            int[] v = new int[k.length];
            for (i = 0; i < k.length; i++) {
                v[i] = t.get(k[i]);
            }
            keys[node] = k;
            targets[node] = v;
        }
        fail = new int[size];
        outputs = new int[size][];
        outputs[0] = new int[0];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : targets[0]) {
            fail[child] = 0;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            int[] own = out.get(node).stream().mapToInt(Integer::intValue).toArray();
            int[] inherited = outputs[fail[node]] == null ? new int[0] : outputs[fail[node]];
            int[] all = Arrays.copyOf(own, own.length + inherited.length);
            System.arraycopy(inherited, 0, all, own.length, inherited.length);
            outputs[node] = all;
            for (int i = 0; i < keys[node].length; i++) {
                char c = keys[node][i];
                int child = targets[node][i];
                int f = fail[node];
                while (f != 0 && step(f, c) < 0) {
                    f = fail[f];
                }
                int g = step(f, c);
                fail[child] = g >= 0 && g != child ? g : 0;
                queue.add(child);
            }
        }
    }

    private int step(int node, char c) {
        int i = Arrays.binarySearch(keys[node], c);
        return i >= 0 ? targets[node][i] : -1;
    }

    int patternLength(int pattern) {
        return lengths[pattern];
    }

    /** Reports every occurrence in {@code text} to {@code sink}, by end position. */
    void scan(CharSequence text, Sink sink) {
        int node = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int next = step(node, c);
            while (next < 0 && node != 0) {
                node = fail[node];
                next = step(node, c);
            }
            node = next < 0 ? 0 : next;
            for (int p : outputs[node]) {
                if (!sink.match(p, i + 1 - lengths[p], i + 1)) {
                    return;
                }
            }
        }
    }
}
