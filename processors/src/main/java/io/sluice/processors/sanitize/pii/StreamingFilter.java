package io.sluice.processors.sanitize.pii;

import io.sluice.processors.sanitize.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Masks personal data and secrets in an answer as it streams. Each {@link #accept} returns the
 * masked text that is safe to emit now and holds back the last {@code lookBehind} chars, which
 * could still be the start of a value that goes on in the next chunk; {@link #finish} masks and
 * returns the rest. For values shorter than the look-behind the concatenated output equals
 * masking the whole answer at once.
 *
 * <p>Longer values: a PEM private key is followed to its END line (or the end of its body)
 * and replaced by one placeholder, whatever its length, without holding it; a token that is
 * still growing when it reaches the look-behind bound is masked then, and the chars that continue
 * it in later chunks are dropped.
 *
 * <p>The detector also sees the last {@value #CONTEXT} chars already emitted, so cues such as
 * "order" or "phone" before a number count across chunks. Not thread-safe: one per stream, fed in
 * order. Holds at most look-behind plus one chunk of the answer, and never logs it.
 */
public final class StreamingFilter {
    /** A look-behind that holds every structured value and all but the longest tokens. */
    public static final int DEFAULT_LOOK_BEHIND = 256;
    /** The smallest look-behind: the longest e-mail local part, an IBAN, a card, an IPv6 address fit. */
    public static final int MIN_LOOK_BEHIND = 64;
    static final int CONTEXT = 64;

    private final PiiDetector detector;
    private final Set<String> types;
    private final MaskStyle style;
    private final Pseudonyms pseudonyms;
    private final int lookBehind;

    private final StringBuilder pending = new StringBuilder();
    private final StringBuilder context = new StringBuilder();
    private final StringBuilder pem = new StringBuilder();
    private boolean inPem;
    private String swallowing; // the type whose token continues into the next chunk, or null
    private boolean finished;

    /** A filter masking every type in {@code style}, each stream numbering its own pseudonyms. */
    public StreamingFilter(PiiDetector detector, MaskStyle style, int lookBehind) {
        this(detector, PiiDetector.TYPES, style, style == MaskStyle.PSEUDONYM ? new Pseudonyms() : null, lookBehind);
    }

    /** A filter with numbered placeholders from the request's {@code pseudonyms}. */
    public StreamingFilter(PiiDetector detector, Pseudonyms pseudonyms, int lookBehind) {
        this(detector, PiiDetector.TYPES, MaskStyle.PSEUDONYM, Objects.requireNonNull(pseudonyms, "pseudonyms"), lookBehind);
    }

    /**
     * A filter for some types only.
     *
     * @param pseudonyms the request's numbering with {@link MaskStyle#PSEUDONYM} (null: a new one);
     *                   ignored with {@link MaskStyle#REDACT}
     */
    public StreamingFilter(PiiDetector detector, Set<String> types, MaskStyle style, Pseudonyms pseudonyms, int lookBehind) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.types = Set.copyOf(types);
        this.style = Objects.requireNonNull(style, "style");
        this.pseudonyms = style == MaskStyle.PSEUDONYM ? (pseudonyms == null ? new Pseudonyms() : pseudonyms) : null;
        if (lookBehind < MIN_LOOK_BEHIND) {
            throw new IllegalArgumentException("lookBehind must be at least " + MIN_LOOK_BEHIND + " chars");
        }
        this.lookBehind = lookBehind;
    }

    /** Takes the next chunk of the answer; returns the masked text that can be emitted now (maybe empty). */
    public String accept(String chunk) {
        Objects.requireNonNull(chunk, "chunk");
        if (finished) {
            throw new IllegalStateException("the stream has finished");
        }
        StringBuilder out = new StringBuilder(chunk.length() + 16);
        feed(chunk, out, false);
        return out.toString();
    }

    /** The answer has ended: the rest, masked. */
    public String finish() {
        if (finished) {
            return "";
        }
        StringBuilder out = new StringBuilder(pending.length() + 16);
        feed("", out, true);
        finished = true;
        return out.toString();
    }

    /** Placeholder to original value for the pseudonyms handed out so far (empty with REDACT). */
    public Map<String, String> placeholders() {
        return pseudonyms == null ? Map.of() : pseudonyms.placeholders();
    }

    /** How many chars of the answer are held back now (for tests of the bound). */
    int held() {
        return pending.length() + pem.length();
    }

    private void feed(String text, StringBuilder out, boolean atEnd) {
        String rest = text;
        if (inPem) {
            rest = continuePem(rest, atEnd);
            if (inPem) {
                return;
            }
        }
        if (swallowing != null) {
            int k = 0;
            while (k < rest.length() && continues(swallowing, rest.charAt(k))) {
                k++;
            }
            remember(rest, 0, k);
            rest = rest.substring(k);
            if (rest.isEmpty() && !atEnd) {
                return;
            }
            swallowing = null;
        }
        pending.append(rest);
        drain(out, atEnd);
    }

    /** Emits what is safe from {@code pending}; may enter the PEM state and go on after it. */
    private void drain(StringBuilder out, boolean atEnd) {
        while (true) {
            int offset = context.length();
            String window = context.toString() + pending;
            int len = pending.length();
            int cut = atEnd ? len : len - lookBehind;
            if (cut <= 0) {
                return;
            }
            List<Finding> findings = new ArrayList<>();
            for (Finding f : detector.find(window, types)) {
                if (f.start() >= offset) {
                    findings.add(new Finding(f.detector(), f.type(), f.ruleId(), f.start() - offset, f.end() - offset));
                }
            }
            Finding open = null;
            for (Finding f : findings) {
                if (f.start() < cut && f.end() > cut) {
                    open = f;
                }
            }
            if (open != null && PemBlock.RULE.equals(open.ruleId()) && pemOpen(window, offset, open)) {
                enterPem(out, findings, open);
                String after = continuePem("", false);
                if (inPem) {
                    return;
                }
                pending.append(after);
                continue;
            }
            if (open != null) {
                cut = open.end();
                if (cut == len && !atEnd && (SecretScanner.TYPE.equals(open.type()) || EmailScanner.TYPE.equals(open.type()))) {
                    swallowing = open.type();
                }
            }
            emit(out, findings, cut);
            return;
        }
    }

    /** Whether the PEM block of {@code f} may still go on past the end of what has arrived. */
    private static boolean pemOpen(String window, int offset, Finding f) {
        var m = PemBlock.BEGIN.matcher(window).region(offset + f.start(), window.length());
        return m.lookingAt() && PemBlock.bodyEnd(window, m.end(), false) == PemBlock.NEED_MORE;
    }

    private void enterPem(StringBuilder out, List<Finding> findings, Finding open) {
        List<Finding> before = new ArrayList<>();
        for (Finding f : findings) {
            if (f.end() <= open.start()) {
                before.add(f);
            }
        }
        appendMasked(out, pending.substring(0, open.start()), before);
        String value = pending.substring(open.start());
        out.append(style == MaskStyle.REDACT ? "[" + open.type() + "]" : pseudonyms.placeholderFor(open.type(), value));
        var m = PemBlock.BEGIN.matcher(pending).region(open.start(), pending.length());
        m.lookingAt();
        int bodyStart = m.end();
        remember(pending, 0, bodyStart);
        pem.setLength(0);
        pem.append(pending, bodyStart, pending.length());
        pending.setLength(0);
        inPem = true;
    }

    /**
     * Feeds the PEM body; returns the text after the block when it ended (and leaves the PEM
     * state), else "" (the decided part of the body is dropped, the undecided tail kept).
     */
    private String continuePem(String text, boolean atEnd) {
        pem.append(text);
        int end = PemBlock.bodyEnd(pem, 0, atEnd);
        if (end == PemBlock.NEED_MORE) {
            int keep = Math.max(0, pem.length() - PemBlock.MAX_END_LINE);
            while (keep > 0 && PemBlock.whitespace(pem.charAt(keep - 1))) {
                keep--;
            }
            remember(pem, 0, keep);
            pem.delete(0, keep);
            return "";
        }
        remember(pem, 0, end);
        String after = pem.substring(end);
        pem.setLength(0);
        inPem = false;
        return after;
    }

    private void emit(StringBuilder out, List<Finding> findings, int cut) {
        List<Finding> inside = new ArrayList<>();
        for (Finding f : findings) {
            if (f.end() <= cut) {
                inside.add(f);
            }
        }
        appendMasked(out, pending.substring(0, cut), inside);
        remember(pending, 0, cut);
        pending.delete(0, cut);
    }

    private void appendMasked(StringBuilder out, String text, List<Finding> findings) {
        Masked masked = style == MaskStyle.REDACT
                ? Masker.mask(text, findings, MaskStyle.REDACT)
                : Masker.mask(text, findings, pseudonyms);
        out.append(masked.text());
    }

    /** Keeps the last {@link #CONTEXT} chars of the answer consumed so far, for the next scans. */
    private void remember(CharSequence s, int from, int to) {
        int start = Math.max(from, to - CONTEXT);
        context.append(s, start, to);
        if (context.length() > CONTEXT) {
            context.delete(0, context.length() - CONTEXT);
        }
    }

    private static boolean continues(String type, char c) {
        if (EmailScanner.TYPE.equals(type)) {
            return Text.isAsciiAlnum(c) || c == '.' || c == '-';
        }
        return Entropy.tokenChar(c) || c == '.';
    }
}
