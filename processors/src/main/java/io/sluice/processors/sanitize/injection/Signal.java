package io.sluice.processors.sanitize.injection;

import java.util.Objects;
import java.util.Set;

/**
 * One reason why a text looks like a prompt injection, as shown to an operator.
 *
 * @param id          the rule, stable across releases: {@code <style>.<lang>.<name>}, e.g.
 *                    {@code override.de.ignore_prior_rules}; {@code lang} is {@code en}, {@code de},
 *                    {@code fr}, {@code es}, {@code zh} or {@code any} for rules that are not about
 *                    one language (special tokens, encodings); the learned model's signal is
 *                    {@value #MODEL_ID}
 * @param style       one of {@link #STYLES}, or {@link #MODEL} for the learned model, which has no style
 * @param weight      how much this signal alone counts towards the score, in (0, 1]
 * @param description what the rule looks for, in plain English; never text from the scanned input
 */
public record Signal(String id, String style, double weight, String description) {
    public static final String OVERRIDE = "override";
    public static final String ROLEPLAY = "roleplay";
    public static final String FAKE_MARKER = "fake_marker";
    public static final String EXTRACTION = "extraction";
    public static final String HIDDEN_INSTRUCTION = "hidden_instruction";
    public static final String OBFUSCATION = "obfuscation";
    /** The styles of attack the rules look for. */
    public static final Set<String> STYLES =
            Set.of(OVERRIDE, ROLEPLAY, FAKE_MARKER, EXTRACTION, HIDDEN_INSTRUCTION, OBFUSCATION);
    /** The style of the learned model's signal: it scores the whole text and names no style of attack. */
    public static final String MODEL = "model";
    public static final String MODEL_ID = "model.any.ngram_logistic";

    public Signal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        if (!STYLES.contains(style) && !MODEL.equals(style)) {
            throw new IllegalArgumentException("unknown style " + style);
        }
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("weight out of (0, 1]: " + weight);
        }
    }

    /** The language part of the id ({@code en}, {@code de}, {@code fr}, {@code es}, {@code zh}, {@code any}). */
    public String lang() {
        int first = id.indexOf('.');
        int second = id.indexOf('.', first + 1);
        return second < 0 ? id.substring(first + 1) : id.substring(first + 1, second);
    }
}
