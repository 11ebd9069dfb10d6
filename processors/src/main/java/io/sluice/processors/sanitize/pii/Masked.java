package io.sluice.processors.sanitize.pii;

import java.util.Map;
import java.util.Objects;

/**
 * A masked text and what its placeholders stand for.
 *
 * @param text         the text with every finding replaced by its placeholder
 * @param placeholders placeholder (e.g. {@code [EMAIL_1]}) to original value; empty for
 *                     {@link MaskStyle#REDACT}. With a shared {@link Pseudonyms} it holds every
 *                     placeholder of the request so far. Holds personal data: keep it with the
 *                     request, never log it.
 */
public record Masked(String text, Map<String, String> placeholders) {
    public Masked {
        Objects.requireNonNull(text, "text");
        placeholders = Map.copyOf(placeholders);
    }

    @Override
    public String toString() {
        return "Masked[chars=" + text.length() + ", placeholders=" + placeholders.size() + "]";
    }
}
