package io.sluice.processors.sanitize;

import java.util.Map;

/**
 * Puts a request's own values back where its prompt had numbered placeholders ({@code [EMAIL_1]})
 * as an answer streams by. A placeholder may be split across chunks, so the text from an
 * unclosed {@code [} is held back until it closes, or grows too long to be a placeholder, or the
 * stream ends. Only placeholders of this request are replaced; any other bracketed text passes
 * unchanged. Not thread-safe: one per stream, fed in order.
 */
public final class PlaceholderRestorer {
    private final Map<String, String> values;
    private final int longest;
    private final StringBuilder held = new StringBuilder();

    public PlaceholderRestorer(Map<String, String> values) {
        this.values = Map.copyOf(values);
        this.longest = values.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    /** The whole text with every known placeholder replaced. */
    public static String restore(String text, Map<String, String> values) {
        var restorer = new PlaceholderRestorer(values);
        return restorer.accept(text) + restorer.finish();
    }

    /** Takes the next chunk; returns what can be emitted now (possibly empty). */
    public String accept(String chunk) {
        if (values.isEmpty()) {
            return chunk;
        }
        held.append(chunk);
        var out = new StringBuilder();
        int i = 0;
        while (i < held.length()) {
            char c = held.charAt(i);
            if (c != '[') {
                out.append(c);
                i++;
                continue;
            }
            int close = held.indexOf("]", i);
            if (close < 0) {
                if (held.length() - i < longest) {
                    break; // might still become a placeholder: hold it back
                }
                out.append(c);
                i++;
                continue;
            }
            String candidate = held.substring(i, close + 1);
            String original = values.get(candidate);
            if (original != null) {
                out.append(original);
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        held.delete(0, i);
        return out.toString();
    }

    /** The stream ended: whatever was held back, as it is. */
    public String finish() {
        String rest = held.toString();
        held.setLength(0);
        return rest;
    }
}
