package io.sluice.processors.tiering;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The words and short phrases that hint at a demanding prompt, in English and, at a lower weight,
 * German, French and Spanish. Phrases are indexed by their last word so that a scan looks each
 * word up once and compares at most a few preceding words.
 */
final class Cues {
    /** What a cue hints at. */
    enum Kind { MULTI_STEP, REASONING, MATH, CODE, FIRST, THEN }

    /**
     * One cue.
     *
     * @param words    the lower-case words, in order; apostrophes and hyphens split words
     * @param strength how strongly it hints, 0..1, already lowered for the other languages
     */
    record Cue(Kind kind, String[] words, double strength) {}

    /** Cues in German, French or Spanish count this much of their English strength. */
    static final double OTHER_LANGUAGE = 0.75;
    /** No cue word is longer; a scan does not keep longer words. */
    static final int MAX_WORD = 24;
    /** No phrase is longer. */
    static final int MAX_PHRASE = 3;

    private static final Cue[] NONE = new Cue[0];
    private static final Map<String, Cue[]> BY_LAST_WORD = new HashMap<>();
    /** The sorted {@link String#hashCode()}s of every word of every cue: most words of a text miss them all. */
    private static final int[] VOCABULARY;

    static {
        // English first: a word that several languages share keeps its English strength.
        add(Kind.REASONING, 1.0, false, "prove", "proof", "proofs", "derive", "derivation", "theorem", "lemma",
                "show that", "formally");
        add(Kind.REASONING, 0.75, false, "analyze", "analyse", "analysis", "compare", "comparison", "contrast",
                "evaluate", "assess", "justify", "critique", "tradeoff", "tradeoffs", "trade off", "trade offs",
                "pros and cons", "implications", "review", "refactor", "debug", "optimize", "optimise");
        add(Kind.REASONING, 0.4, false, "why", "explain");
        add(Kind.MULTI_STEP, 1.0, false, "step by step");
        add(Kind.MULTI_STEP, 0.6, false, "steps");
        add(Kind.MULTI_STEP, 0.5, false, "plan", "roadmap", "checklist", "outline");
        add(Kind.FIRST, 1.0, false, "first", "firstly");
        add(Kind.THEN, 1.0, false, "then", "afterwards", "finally", "next");
        add(Kind.MATH, 1.0, false, "integral", "derivative", "equation", "equations", "eigenvalue", "eigenvalues",
                "matrix", "polynomial", "logarithm", "probability", "inequality");
        add(Kind.CODE, 1.0, false, "def", "fn", "func", "elif", "lambda", "println", "printf", "nullptr", "struct",
                "const", "void", "async", "await", "typeof", "instanceof", "namespace", "impl", "foreach");
        add(Kind.CODE, 0.5, false, "return", "import", "public", "private", "static", "class", "function", "null");

        // German
        add(Kind.REASONING, 1.0, true, "beweise", "beweisen", "beweis", "herleiten", "herleitung", "zeige dass");
        add(Kind.REASONING, 0.75, true, "analysiere", "analysieren", "vergleiche", "vergleichen", "bewerte",
                "bewerten", "begründe", "begründen", "vor und nachteile");
        add(Kind.REASONING, 0.4, true, "warum", "weshalb", "erkläre", "erklären");
        add(Kind.MULTI_STEP, 1.0, true, "schritt für schritt", "schrittweise");
        add(Kind.MULTI_STEP, 0.6, true, "schritte");
        add(Kind.FIRST, 1.0, true, "zuerst", "erstens", "zunächst");
        add(Kind.THEN, 1.0, true, "dann", "danach", "anschließend", "schließlich");
        // French
        add(Kind.REASONING, 1.0, true, "prouver", "prouve", "prouvez", "démontrer", "démontre", "démontrez",
                "démonstration", "dériver", "théorème", "lemme", "montrer que", "montrez que");
        add(Kind.REASONING, 0.75, true, "analyser", "analysez", "comparer", "comparez", "évaluer", "évaluez",
                "justifier", "justifiez", "avantages et inconvénients");
        add(Kind.REASONING, 0.4, true, "pourquoi", "expliquer", "expliquez", "explique");
        add(Kind.MULTI_STEP, 1.0, true, "étape par étape", "pas à pas");
        add(Kind.MULTI_STEP, 0.6, true, "étapes");
        add(Kind.FIRST, 1.0, true, "d abord", "premièrement");
        add(Kind.THEN, 1.0, true, "puis", "ensuite", "enfin");
        // Spanish
        add(Kind.REASONING, 1.0, true, "demostrar", "demuestra", "demuestre", "demostración", "derivar", "teorema",
                "lema");
        add(Kind.REASONING, 0.75, true, "analizar", "analiza", "analice", "comparar", "compara", "evaluar",
                "evalúa", "justificar", "justifica", "ventajas y desventajas");
        add(Kind.REASONING, 0.4, true, "por qué", "porqué", "explica", "explicar");
        add(Kind.MULTI_STEP, 1.0, true, "paso a paso");
        add(Kind.MULTI_STEP, 0.6, true, "pasos");
        add(Kind.FIRST, 1.0, true, "primero", "en primer lugar");
        add(Kind.THEN, 1.0, true, "luego", "después", "finalmente", "a continuación");

        VOCABULARY = BY_LAST_WORD.values().stream()
                .flatMap(Arrays::stream)
                .flatMap(cue -> Arrays.stream(cue.words()))
                .mapToInt(String::hashCode)
                .distinct()
                .sorted()
                .toArray();
    }

    private Cues() {}

    private static void add(Kind kind, double strength, boolean otherLanguage, String... phrases) {
        for (String phrase : phrases) {
            String[] words = phrase.toLowerCase(Locale.ROOT).split(" ");
            if (words.length > MAX_PHRASE || words[words.length - 1].length() > MAX_WORD) {
                throw new IllegalStateException("cue too long: " + phrase);
            }
            String last = words[words.length - 1];
            Cue[] known = BY_LAST_WORD.getOrDefault(last, NONE);
            if (Arrays.stream(known).anyMatch(cue -> Arrays.equals(cue.words(), words))) {
                continue; // a phrase several languages share keeps its first (English) strength
            }
            Cue[] grown = Arrays.copyOf(known, known.length + 1);
            grown[known.length] = new Cue(kind, words, otherLanguage ? strength * OTHER_LANGUAGE : strength);
            BY_LAST_WORD.put(last, grown);
        }
    }

    /** False when no cue has a word with this {@link String#hashCode()}; true does not prove that one has. */
    static boolean mayBeCueWord(int hash) {
        return Arrays.binarySearch(VOCABULARY, hash) >= 0;
    }

    /** The cues that end with {@code word}; empty when none. */
    static Cue[] endingWith(String word) {
        return BY_LAST_WORD.getOrDefault(word, NONE);
    }
}
