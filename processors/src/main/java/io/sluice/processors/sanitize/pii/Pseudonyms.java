package io.sluice.processors.sanitize.pii;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbered placeholders of one request: the same value gets the same placeholder in every
 * message of the request ({@code [EMAIL_1]}), distinct values of a type count up. Holds the
 * original values, so it lives and dies with its request and is never logged. Not thread-safe.
 */
public final class Pseudonyms {
    private final Map<String, String> byValue = new HashMap<>();
    private final Map<String, String> originals = new LinkedHashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    /** The placeholder for {@code value} of {@code type}, made up on first sight. */
    public String placeholderFor(String type, String value) {
        return byValue.computeIfAbsent(type + '\u0000' + value, key -> {
            String placeholder;
            do {
                int next = counters.merge(type, 1, Integer::sum);
                placeholder = "[" + type + "_" + next + "]";
            } while (originals.containsKey(placeholder));
            originals.put(placeholder, value);
            return placeholder;
        });
    }

    /** Placeholder to original value, for every placeholder handed out so far. */
    public Map<String, String> placeholders() {
        return Map.copyOf(originals);
    }

    public int size() {
        return originals.size();
    }

    @Override
    public String toString() {
        return "Pseudonyms[" + originals.size() + " placeholders]";
    }
}
