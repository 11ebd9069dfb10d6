package io.sluice.processors.sanitize.injection;

import java.util.Objects;
import java.util.Set;

/**
 * One reason why a text looks like a prompt injection, as shown to an operator.
 *
 * @param id          the rule, stable across releases: {@code <style>.<lang>.<name>}, e.g.
 *                    {@code override.de.ignore_prior_rules}; {@code lang} is {@code en}, {@code de},
 *                    {@code fr}, {@code es}, {@code zh} or {@code any} for rules that are not about
 *                    one language (special tokens, encodings)
 * @param style       one of {@link #STYLES}
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
    public static final Set<String> STYLES =
            Set.of(OVERRIDE, ROLEPLAY, FAKE_MARKER, EXTRACTION, HIDDEN_INSTRUCTION, OBFUSCATION);

    public Signal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        if (!STYLES.contains(style)) {
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
