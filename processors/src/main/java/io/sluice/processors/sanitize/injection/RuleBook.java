package io.sluice.processors.sanitize.injection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Concepts (sets of terms meaning the same thing in one language, e.g. {@code en.ignore}) and rules
 * (a sequence of concepts, each starting at most {@code gap} chars after the previous one ends,
 * unless a blocking concept sits in between or just before), matched on a skeleton view.
 *
 * <p>Matching is linear: one Aho-Corasick pass finds every term, then each rule walks the sorted
 * occurrences of its concepts once (for each occurrence of a concept, only the closest reachable
 * occurrence of the previous concept matters). No regular expressions, no backtracking.
 *
 * <p>Term syntax: a plain term matches whole words; a trailing {@code *} lets the word go on
 * ({@code instruct*}), a leading {@code *} lets it start inside a word ({@code *anweisung*} for
 * German compounds). Boundaries only apply at Latin ends of a term, never next to Chinese.
 */
final class RuleBook {
    /** Occurrences of one concept above this many are ignored (memory bound for hostile texts). */
    static final int MAX_HITS_PER_CONCEPT = 50_000;
    /** Spans reported per rule and text; the rule fires either way. */
    static final int MAX_MATCHES_PER_RULE = 4;
    /** A prefix term's occurrence is extended to the end of its word, up to this length. */
    static final int MAX_TERM_SPAN = 48;

    record Rule(String id, String style, String lang, double weight, String description, int[] slots,
                int gap, boolean acrossSentences, int[] blockers, int[] blockBefore) {}

    record Match(Rule rule, int start, int end) {}

    private record Term(int concept, boolean left, boolean right) {}

    private final List<String> conceptNames;
    private final List<Rule> rules;
    private final Term[] terms;
    private final AhoCorasick matcher;
    /** Per concept: the indices (in rule order) of the rules whose first slot it is. */
    private final int[][] rulesByFirstSlot;

    private RuleBook(List<String> conceptNames, List<Rule> rules, List<String> termTexts, List<Term> terms) {
        this.conceptNames = List.copyOf(conceptNames);
        this.rules = List.copyOf(rules);
        this.terms = terms.toArray(Term[]::new);
        this.matcher = new AhoCorasick(termTexts);
        List<List<Integer>> byFirst = new ArrayList<>();
        for (int c = 0; c < conceptNames.size(); c++) {
            byFirst.add(new ArrayList<>());
        }
        for (int i = 0; i < this.rules.size(); i++) {
            byFirst.get(this.rules.get(i).slots()[0]).add(i);
        }
        this.rulesByFirstSlot = byFirst.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    List<Rule> rules() {
        return rules;
    }

    /** The ids of concepts whose name ends with {@code suffix}, e.g. {@code .edu}. */
    int[] conceptsEndingWith(String suffix) {
        return java.util.stream.IntStream.range(0, conceptNames.size())
                .filter(i -> conceptNames.get(i).endsWith(suffix))
                .toArray();
    }

    /** Finds every term of every concept in {@code view}. */
    Scan scan(TextView view) {
        int concepts = conceptNames.size();
        long[][] hits = new long[concepts][];
        int[] counts = new int[concepts];
        String text = view.text;
        int n = text.length();
        matcher.scan(text, (pattern, start, found) -> {
            int end = found;
            Term t = terms[pattern];
            if (t.left && start > 0 && Normaliser.isWordChar(text.charAt(start - 1)) && !spacedJoin(view, start - 1, start)) {
                return true;
            }
            if (t.right && end < n && Normaliser.isWordChar(text.charAt(end)) && !spacedJoin(view, end - 1, end)) {
                return true;
            }
            int c = t.concept;
            if (!t.right) {
                while (end < n && end - start < MAX_TERM_SPAN && Normaliser.isWordChar(text.charAt(end))) {
                    end++; // report the whole word a prefix term starts
                }
            }
            if (counts[c] == MAX_HITS_PER_CONCEPT) {
                return true;
            }
            if (hits[c] == null) {
                hits[c] = new long[8];
            } else if (counts[c] == hits[c].length) {
                hits[c] = Arrays.copyOf(hits[c], counts[c] * 2);
            }
            hits[c][counts[c]++] = ((long) start << 32) | end;
            return true;
        });
        int[] breaks = new int[n + 1];
        for (int i = 0; i < n; i++) {
            breaks[i + 1] = breaks[i] + (text.charAt(i) == '\n' ? 1 : 0);
        }
        return new Scan(hits, counts, breaks);
    }

    private static boolean spacedJoin(TextView v, int a, int b) {
        return (v.flags(a) & TextView.SPACED) != 0 && (v.flags(b) & TextView.SPACED) != 0;
    }

    /** The occurrences of all concepts in one view, and the rules matched on them. */
    final class Scan {
        private final long[][] byStart; // per concept: (start << 32 | end), sorted by start
        private final long[][] byEnd;   // per concept: as found, i.e. sorted by end
        private final int[] breaks;

        private Scan(long[][] hits, int[] counts, int[] breaks) {
            this.breaks = breaks;
            byEnd = new long[hits.length][];
            byStart = new long[hits.length][];
            for (int c = 0; c < hits.length; c++) {
                if (hits[c] != null) {
                    byEnd[c] = Arrays.copyOf(hits[c], counts[c]);
                    byStart[c] = byEnd[c].clone();
                    Arrays.sort(byStart[c]);
                }
            }
        }

        boolean any(int[] concepts) {
            for (int c : concepts) {
                if (byStart[c] != null) {
                    return true;
                }
            }
            return false;
        }

        /** Whether an occurrence of one of {@code concepts} starts in {@code [from, to)}. */
        boolean startsIn(int[] concepts, int from, int to) {
            for (int c : concepts) {
                if (startsIn(c, from, to)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether an occurrence of one of {@code concepts} starting in {@code [from, to)} passes {@code test}. */
        boolean startsIn(int[] concepts, int from, int to, java.util.function.BiPredicate<Integer, Integer> test) {
            for (int c : concepts) {
                long[] s = byStart[c];
                if (s == null || to <= from) {
                    continue;
                }
                int i = Arrays.binarySearch(s, (long) Math.max(0, from) << 32);
                for (i = i < 0 ? -i - 1 : i; i < s.length && (int) (s[i] >>> 32) < to; i++) {
                    if (test.test((int) (s[i] >>> 32), (int) s[i])) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean startsIn(int concept, int from, int to) {
            long[] s = byStart[concept];
            if (s == null || to <= from) {
                return false;
            }
            int i = Arrays.binarySearch(s, (long) Math.max(0, from) << 32);
            if (i < 0) {
                i = -i - 1;
            }
            return i < s.length && (int) (s[i] >>> 32) < to;
        }

        private boolean blocked(Rule r, int gapFrom, int gapTo) {
            for (int b : r.blockers) {
                if (startsIn(b, gapFrom, gapTo)) {
                    return true;
                }
            }
            return false;
        }

        private boolean blockedBefore(Rule r, int chainStart) {
            for (int k = 0; k < r.blockers.length; k++) {
                int before = r.blockBefore[k];
                if (before > 0 && startsIn(r.blockers[k], chainStart - before, chainStart)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The matches of the rules {@code which} accepts, in rule order. Only rules whose first
         * concept occurs in the text can match, so only those are tried: a short prompt touches a
         * handful of the thousands of rules.
         */
        List<Match> match(Predicate<Rule> which) {
            List<Match> out = new ArrayList<>();
            int candidates = 0;
            for (int c = 0; c < byEnd.length; c++) {
                if (byEnd[c] != null) {
                    candidates += rulesByFirstSlot[c].length;
                }
            }
            int[] order = new int[candidates];
            int k = 0;
            for (int c = 0; c < byEnd.length; c++) {
                if (byEnd[c] != null) {
                    for (int i : rulesByFirstSlot[c]) {
                        order[k++] = i;
                    }
                }
            }
            Arrays.sort(order);
            for (int i : order) {
                Rule r = rules.get(i);
                if (which.test(r)) {
                    match(r, out);
                }
            }
            return out;
        }

        private void match(Rule r, List<Match> out) {
            long[] first = byEnd[r.slots[0]];
            if (first == null) {
                return;
            }
            for (int s = 1; s < r.slots.length; s++) {
                if (byStart[r.slots[s]] == null) {
                    return;
                }
            }
            // reachable occurrences of the current slot: (end, chain start), sorted by end
            int m = 0;
            int[] ends = new int[first.length];
            int[] chains = new int[first.length];
            for (long h : first) {
                int start = (int) (h >>> 32);
                if (!blockedBefore(r, start)) {
                    ends[m] = (int) h;
                    chains[m] = start;
                    m++;
                }
            }
            for (int s = 1; s < r.slots.length && m > 0; s++) {
                long[] cur = byStart[r.slots[s]];
                int[] nextEnds = new int[cur.length];
                int[] nextChains = new int[cur.length];
                int k = 0;
                int j = -1;
                for (long h : cur) {
                    int start = (int) (h >>> 32);
                    while (j + 1 < m && ends[j + 1] <= start) {
                        j++;
                    }
                    if (j < 0 || start - ends[j] > r.gap) {
                        continue;
                    }
                    if (!r.acrossSentences && breaks[start] - breaks[ends[j]] > 0) {
                        continue;
                    }
                    if (blocked(r, ends[j], start)) {
                        continue;
                    }
                    nextEnds[k] = (int) h;
                    nextChains[k] = chains[j];
                    k++;
                }
                // sort the reachable occurrences by end (they are sorted by start)
                long[] packed = new long[k];
                for (int i = 0; i < k; i++) {
                    packed[i] = ((long) nextEnds[i] << 32) | nextChains[i];
                }
                Arrays.sort(packed);
                ends = new int[k];
                chains = new int[k];
                for (int i = 0; i < k; i++) {
                    ends[i] = (int) (packed[i] >>> 32);
                    chains[i] = (int) packed[i];
                }
                m = k;
            }
            for (int i = 0; i < m && i < MAX_MATCHES_PER_RULE; i++) {
                out.add(new Match(r, chains[i], ends[i]));
            }
        }
    }

    // ---------------------------------------------------------------- building

    static final class Builder {
        private final Map<String, Integer> concepts = new LinkedHashMap<>();
        private final Map<String, Term> termIndex = new HashMap<>();
        private final List<String> termTexts = new ArrayList<>();
        private final List<Term> terms = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();

        /** Adds terms to a concept (creating it), e.g. {@code concept("en.ignore", "ignor*", "disregard*")}. */
        Builder concept(String name, String... termSpecs) {
            int id = concepts.computeIfAbsent(name, k -> concepts.size());
            for (String spec : termSpecs) {
                boolean left = !spec.startsWith("*");
                boolean right = !spec.endsWith("*");
                String bare = spec.substring(left ? 0 : 1, spec.length() - (right ? 0 : 1));
                String skeleton = Normaliser.skeletonOf(bare).strip();
                if (skeleton.isEmpty()) {
                    throw new IllegalArgumentException("term without letters in " + name + ": " + spec);
                }
                boolean leftLatin = Normaliser.isWordChar(skeleton.charAt(0));
                boolean rightLatin = Normaliser.isWordChar(skeleton.charAt(skeleton.length() - 1));
                Term t = new Term(id, left && leftLatin, right && rightLatin);
                String key = skeleton + '\u0000' + t;
                if (termIndex.putIfAbsent(key, t) == null) {
                    termTexts.add(skeleton);
                    terms.add(t);
                }
            }
            return this;
        }

        /**
         * Adds every {@code first + filler + second} phrase to a concept: compositional terms such as
         * "note to" x "any " x "ai model", which a flat list would miss one by one.
         */
        Builder combine(String name, java.util.List<String> first, java.util.List<String> fillers,
                        java.util.List<String> second) {
            java.util.List<String> terms = new ArrayList<>();
            for (String a : first) {
                for (String f : fillers) {
                    for (String z : second) {
                        terms.add(a + " " + f + z);
                    }
                }
            }
            return concept(name, terms.toArray(String[]::new));
        }

        /** Starts a rule; its id is {@code style.lang.name}. */
        RuleSpec rule(String id, double weight, String description) {
            return new RuleSpec(this, id, weight, description);
        }

        private int conceptId(String name) {
            Integer id = concepts.get(name);
            if (id == null) {
                throw new IllegalArgumentException("unknown concept " + name);
            }
            return id;
        }

        RuleBook build() {
            return new RuleBook(new ArrayList<>(concepts.keySet()), rules, termTexts, terms);
        }
    }

    static final class RuleSpec {
        private final Builder builder;
        private final String id;
        private final double weight;
        private final String description;
        private String[] slots;
        private int gap = 40;
        private boolean acrossSentences;
        private final List<String> blockers = new ArrayList<>();
        private final List<Integer> before = new ArrayList<>();

        private RuleSpec(Builder builder, String id, double weight, String description) {
            this.builder = builder;
            this.id = Objects.requireNonNull(id);
            this.weight = weight;
            this.description = description;
        }

        RuleSpec seq(String... concepts) {
            this.slots = concepts;
            return this;
        }

        /** At most this many chars between one concept's end and the next one's start (default 40). */
        RuleSpec gap(int chars) {
            this.gap = chars;
            return this;
        }

        /** Lets the concepts sit in different sentences. */
        RuleSpec acrossSentences() {
            this.acrossSentences = true;
            return this;
        }

        /** No match if {@code concept} starts between two concepts, or in the {@code before} chars before the first. */
        RuleSpec unless(String concept, int before) {
            blockers.add(concept);
            this.before.add(before);
            return this;
        }

        Builder add() {
            String[] parts = id.split("\\.");
            if (parts.length != 3 || !Signal.STYLES.contains(parts[0])) {
                throw new IllegalArgumentException("rule id must be style.lang.name: " + id);
            }
            if (slots == null || slots.length == 0) {
                throw new IllegalArgumentException("rule without concepts: " + id);
            }
            int[] s = Arrays.stream(slots).mapToInt(builder::conceptId).toArray();
            int[] b = blockers.stream().mapToInt(builder::conceptId).toArray();
            int[] bb = before.stream().mapToInt(Integer::intValue).toArray();
            builder.rules.add(new Rule(id, parts[0], parts[1], weight, description, s, gap, acrossSentences, b, bb));
            return builder;
        }
    }
}
