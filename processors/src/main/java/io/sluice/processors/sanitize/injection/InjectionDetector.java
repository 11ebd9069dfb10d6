package io.sluice.processors.sanitize.injection;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Scores how much a text looks like a prompt injection, with the reasons.
 *
 * <p>A scan (1) takes the disguises off ({@link Normaliser}: NFKC, invisible and tag chars,
 * look-alikes, leetspeak, spaced letters); (2) matches the rule book on the result in five
 * languages (override, role-play and persona, system-prompt extraction, instructions hidden in
 * documents or tool output, decode-and-follow); (3) looks for fake conversation structure
 * ({@link Markers}); (4) matches again on the text rotated by 13 and reversed; (5) decodes base64,
 * hex and text hidden in tag chars or variation selectors, and scans what it finds the same way,
 * up to {@link #MAX_DEPTH} levels deep. Every rule that fires is a {@link Signal}; the score
 * combines their weights (see {@link Evidence#score}).
 *
 * <p>The standard detector adds a learned model ({@link InjectionModel}): a logistic regression over
 * hashed n-grams of the same normalised views, decoded segments included, which catches phrasings no
 * rule names. The verdict is stacked: the model's calibrated log-odds plus the rules' score above an offset
 * times a weight, both chosen by cross-validation, as a probability mapped so that the operating point lands on
 * {@link #DEFAULT_THRESHOLD}. Rules and model thus vote together: a weak rule match the model finds
 * ordinary stays under the threshold, and a phrasing the model half-recognises passes it when a rule
 * agrees. No rule flags on its own any more (cross-validation did not support it, not even for
 * chat-template tokens). The rules' signals explain the verdict as before; the model is one more signal
 * ({@link Signal#MODEL_ID}, its own probability as weight, findings at its strongest n-grams) whenever it
 * or the combined score reaches {@link #MODEL_FLOOR}, its description giving both shares.
 *
 * <p>A rule match quoted inside an educational frame (a security training text showing an
 * attack as an example, a user reporting a phishing mail) counts at {@link #EXAMPLE_FACTOR} of its
 * weight, and says so in its description; an introduction alone ("a user wrote: ...") does not soften an
 * order given to an AI reader, since pasted documents are where such orders hide. An AI reader addressed
 * inside a question ("can an AI reading this leak data?") counts at {@link #QUESTION_FACTOR}. An order
 * inside an HTML comment or an invisible element adds a signal of its own.
 *
 * <p>Work is linear in the text: a few passes over it, no backtracking, decoding capped at
 * {@link #MAX_SEGMENTS} segments and {@link #MAX_DECODED_CHARS} decoded chars per scan. The
 * detector is immutable and thread-safe, and keeps nothing of the texts it sees.
 */
public final class InjectionDetector {
    /**
     * The threshold chosen on the development data, where benign texts score at most 0.45 and
     * attacks from 0.5 on. Round 4 scored TPR 0.854 and FPR 0.022 with the rules frozen before it was
     * written; it has been development data since (see {@code InjectionDatasetTest} and the README
     * next to the data). The model's operating point, chosen by cross-validation, maps onto it.
     */
    public static final double DEFAULT_THRESHOLD = 0.5;

    static final int MAX_DEPTH = 2;
    static final int MAX_SEGMENTS = 64;
    static final int MAX_DECODED_CHARS = 32_768;
    static final double EXAMPLE_FACTOR = 0.3;
    static final double QUOTED_MARKER_FACTOR = 0.5;
    static final int EXAMPLE_INTRO_WINDOW = 60;
    static final int EDU_WINDOW = 300;
    /** Rules weaker than this do not make an encoding, a disguise or a hiding place suspicious. */
    static final double MEANINGFUL = 0.4;
    /** Hidden-instruction rules this strong give an AI reader an order rather than just address it. */
    static final double HIDDEN_ORDER = 0.5;
    /** An AI reader addressed inside a question counts at this share of its weight. */
    static final double QUESTION_FACTOR = 0.5;
    static final int SENTENCE_REACH = 200;

    /**
     * The learned model speaks (adds its signal) from this score, its own or the combined one, on: half way to
     * the operating point, so that a tenant with a lower threshold than the default sees it too, and ordinary
     * texts carry no signal.
     */
    static final double MODEL_FLOOR = 0.25;

    private final RuleBook book;
    private final InjectionModel model;
    private final int[] edu;
    private final int[] eduIntro;

    /** A detector with rules only. */
    InjectionDetector(RuleBook book) {
        this(book, null);
    }

    /** @param model the learned model combined with the rules, or null for rules only */
    InjectionDetector(RuleBook book, InjectionModel model) {
        this.book = Objects.requireNonNull(book);
        this.model = model;
        this.edu = book.conceptsEndingWith(".edu");
        this.eduIntro = book.conceptsEndingWith(".edu_intro");
    }

    /**
     * The detector with the built-in rules for English, German, French, Spanish and Chinese and the
     * shipped model.
     */
    public static InjectionDetector standard() {
        return Standard.DETECTOR;
    }

    /** Built on first use, so that a detector with rules only never loads the model. */
    private static final class Standard {
        static final InjectionDetector DETECTOR = new InjectionDetector(StandardRules.build(), InjectionModel.standard());
    }

    public InjectionVerdict scan(String text) {
        Objects.requireNonNull(text, "text");
        Evidence evidence = new Evidence();
        ModelFeatures features = model == null ? null : new ModelFeatures();
        analyse(text, 0, null, evidence, new int[] {MAX_SEGMENTS, MAX_DECODED_CHARS}, features);
        if (model != null) {
            InjectionModel.Judgement j = model.judge(features);
            double rules = evidence.rulesScore();
            double p = model.combined(j, rules);
            double score = model.score(p);
            Signal signal = j.score() < MODEL_FLOOR && score < MODEL_FLOOR ? null
                    : new Signal(Signal.MODEL_ID, Signal.MODEL, Math.max(1e-6, j.score()), String.format(Locale.ROOT,
                            "learned n-gram model: probability %.2f alone (log-odds %+.2f); with the rules' score %.2f"
                            + " (above %.2f at weight %.2f) the combined probability is %.2f (operating point %.2f); its strongest"
                            + " n-grams are the findings", j.probability(), j.logOdds(), rules, model.ruleOffset(),
                            model.ruleWeight(), p,
                            model.threshold()));
            evidence.combined(score, signal, signal == null ? List.of() : j.spans());
        }
        return evidence.verdict();
    }

    /** The views a scan of {@code text} would show the model (for training it). */
    ModelFeatures features(String text) {
        ModelFeatures features = new ModelFeatures();
        analyse(text, 0, null, new Evidence(), new int[] {MAX_SEGMENTS, MAX_DECODED_CHARS}, features);
        return features;
    }

    /**
     * @param segment the span of the original text a decoded text came from, or null at the top
     * @param budget  {segments left, decoded chars left}, shared by the whole scan
     * @param features where to put the matching views for the model, or null
     */
    private void analyse(String s, int depth, int[] segment, Evidence evidence, int[] budget, ModelFeatures features) {
        Normaliser.Cleaned cleaned = Normaliser.clean(s);
        TextView clean = cleaned.view();
        Frames frames = Frames.of(s);
        TextView skeleton = Normaliser.skeleton(clean);
        if (features != null) {
            features.add(skeleton, segment);
        }
        rules(s, skeleton, frames, segment, evidence);
        Markers.scan(clean, (id, style, weight, description, start, end) -> {
            int[] span = clean.originalSpan(start, end);
            boolean quoted = frames.quoted(span[0], span[1]);
            evidence.add(id, style, quoted ? weight * QUOTED_MARKER_FACTOR : weight,
                    quoted ? description + " (quoted)" : description, at(segment, span)[0], at(segment, span)[1]);
        });
        transformed(Decoders.rot13(clean), "rot13", "text written in rot13", segment, evidence);
        transformed(Decoders.reversed(clean), "reversed", "text written backwards", segment, evidence);
        for (Normaliser.Hidden h : cleaned.hidden()) {
            int[] span = at(segment, new int[] {h.start(), h.end()});
            evidence.add("obfuscation.any." + h.kind(), Signal.OBFUSCATION, 0.5,
                    "text hidden in invisible " + ("tag_chars".equals(h.kind()) ? "Unicode tag characters" : "variation selectors"),
                    span[0], span[1]);
            decoded(h.text(), span, depth, evidence, budget, null, features);
        }
        if (depth < MAX_DEPTH) {
            for (Decoders.Segment seg : Decoders.find(clean, budget[0])) {
                int[] span = at(segment, clean.originalSpan(seg.start(), seg.end()));
                decoded(seg.text(), span, depth, evidence, budget, seg.kind(), features);
            }
        }
    }

    private void decoded(String text, int[] span, int depth, Evidence evidence, int[] budget, String kind,
            ModelFeatures features) {
        if (budget[0] <= 0 || budget[1] < text.length() || depth >= MAX_DEPTH) {
            return;
        }
        budget[0]--;
        budget[1] -= text.length();
        Evidence inner = new Evidence();
        analyse(text, depth + 1, span, inner, budget, features);
        evidence.merge(inner);
        if (kind != null && inner.maxWeight() >= MEANINGFUL) {
            evidence.add("obfuscation.any." + kind, Signal.OBFUSCATION, 0.35,
                    "instructions encoded as " + kind, span[0], span[1]);
        }
    }

    private void rules(String text, TextView skeleton, Frames frames, int[] segment, Evidence evidence) {
        RuleBook.Scan scan = book.scan(skeleton);
        for (RuleBook.Match m : scan.match(r -> true)) {
            RuleBook.Rule r = m.rule();
            int[] span = skeleton.originalSpan(m.start(), m.end());
            // a document passed on by the user ("pasted", "wrote", "says") is where hidden orders sit, so an
            // introduction alone does not make an order to an AI reader an example; a teaching frame does
            boolean hiddenOrder = r.style().equals(Signal.HIDDEN_INSTRUCTION) && r.weight() >= HIDDEN_ORDER;
            boolean example = frames.partlyQuoted(span[0], span[1]) && educationalFrame(scan, skeleton, frames, m)
                    || !hiddenOrder && scan.startsIn(eduIntro, m.start() - EXAMPLE_INTRO_WINDOW, m.start());
            int[] where = at(segment, span);
            // "can an AI reading this leak data?" asks about AI readers; an order to one is no question
            boolean asked = !example && (r.id().endsWith(".ai_addressee") || r.id().endsWith(".addressee_directive"))
                    && inQuestion(text, span[1]);
            double weight = example ? r.weight() * EXAMPLE_FACTOR : asked ? r.weight() * QUESTION_FACTOR : r.weight();
            evidence.add(r.id(), r.style(), weight, example ? r.description() + " (quoted as an example)"
                    : asked ? r.description() + " (in a question)" : r.description(), where[0], where[1]);
            if (r.weight() < MEANINGFUL || r.style().equals(Signal.OBFUSCATION)) {
                continue;
            }
            disguises(skeleton, m, where, evidence);
            if (frames.hidden(span[0], span[1])) {
                evidence.add("obfuscation.any.hidden_markup", Signal.OBFUSCATION, 0.45,
                        "instructions inside an HTML comment or an element styled invisible", where[0], where[1]);
            }
        }
    }

    /** Whether the sentence going on at {@code from} ends with a question mark (looked for in {@link #SENTENCE_REACH} chars). */
    static boolean inQuestion(String text, int from) {
        int limit = Math.min(text.length(), from + SENTENCE_REACH);
        for (int i = Math.max(0, from); i < limit; i++) {
            char c = text.charAt(i);
            if (c == '?' || c == '\uFF1F') {
                return i + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(i + 1)); // not a URL query
            }
            if (c == '.' && (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1)))
                    || c == '!' || c == '\n' || c == '\u3002' || c == '\uFF01') {
                return false;
            }
        }
        return false;
    }

    /** A word of a teaching or reporting frame (example, training, attacker...) near the match and outside quotes. */
    private boolean educationalFrame(RuleBook.Scan scan, TextView skeleton, Frames frames, RuleBook.Match m) {
        return scan.startsIn(edu, m.start() - EDU_WINDOW, m.end() + EDU_WINDOW, (start, end) -> {
            int[] span = skeleton.originalSpan(start, end);
            return !frames.quoted(span[0], span[1]);
        });
    }

    private static void disguises(TextView skeleton, RuleBook.Match m, int[] where, Evidence evidence) {
        int styled = 0;
        int flags = 0;
        for (int i = m.start(); i < m.end(); i++) {
            int f = skeleton.flags(i);
            flags |= f;
            styled += (f & TextView.STYLED) != 0 ? 1 : 0;
        }
        if ((flags & TextView.LEET) != 0) {
            evidence.add("obfuscation.any.leetspeak", Signal.OBFUSCATION, 0.3,
                    "instruction words written with digits or symbols for letters", where[0], where[1]);
        }
        if ((flags & TextView.HOMOGLYPH) != 0) {
            evidence.add("obfuscation.any.homoglyphs", Signal.OBFUSCATION, 0.35,
                    "instruction words written with look-alike Cyrillic or Greek letters", where[0], where[1]);
        }
        if ((flags & TextView.INVISIBLE) != 0) {
            evidence.add("obfuscation.any.invisible_chars", Signal.OBFUSCATION, 0.35,
                    "instruction words broken up by invisible characters", where[0], where[1]);
        }
        if ((flags & TextView.SPACED) != 0) {
            evidence.add("obfuscation.any.spaced_letters", Signal.OBFUSCATION, 0.3,
                    "instruction words spelled out letter by letter", where[0], where[1]);
        }
        if (styled >= 3) {
            evidence.add("obfuscation.any.styled_letters", Signal.OBFUSCATION, 0.25,
                    "instruction words in full-width, mathematical or other styled letters", where[0], where[1]);
        }
    }

    /** Rules matched on a rotated or reversed view: only the strong ones, and no Chinese. */
    private void transformed(TextView view, String kind, String how, int[] segment, Evidence evidence) {
        TextView skeleton = Normaliser.skeleton(view);
        List<RuleBook.Match> matches = book.scan(skeleton).match(
                r -> r.weight() >= 0.45 && !"zh".equals(r.lang()) && !r.style().equals(Signal.OBFUSCATION));
        for (RuleBook.Match m : matches) {
            int[] where = at(segment, skeleton.originalSpan(m.start(), m.end()));
            evidence.add(m.rule().id(), m.rule().style(), m.rule().weight(), m.rule().description(), where[0], where[1]);
            evidence.add("obfuscation.any." + kind, Signal.OBFUSCATION, 0.35, "instructions in " + how, where[0], where[1]);
        }
    }

    private static int[] at(int[] segment, int[] span) {
        return segment != null ? segment : span;
    }
}
