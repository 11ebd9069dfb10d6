package io.sluice.schemas;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps a metric tag whose values come from outside Sluice's configuration (a model name a
 * provider reports, an error code an upstream sends) to a bounded set: the first {@code capacity}
 * distinct values that look like names are kept, anything else becomes {@link Telemetry#OTHER}. So
 * a misbehaving upstream can add at most {@code capacity} series, and nothing long or multi-line
 * ever becomes a label. Never give it text a user wrote. Thread-safe.
 */
public final class BoundedValues {
    /** A name, not a text: at most 64 characters, no control characters, quotes or backslashes, trimmed. */
    private static final Pattern NAME = Pattern.compile("[^\\s\\p{Cntrl}\"\\\\](?:[^\\p{Cntrl}\"\\\\]{0,62}[^\\s\\p{Cntrl}\"\\\\])?");

    private final int capacity;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public BoundedValues(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** {@code value} itself if it is kept, {@code whenNull} for null, else {@link Telemetry#OTHER}. */
    public String of(String value, String whenNull) {
        if (value == null) {
            return whenNull;
        }
        if (seen.contains(value)) {
            return value;
        }
        if (!NAME.matcher(value).matches()) {
            return Telemetry.OTHER;
        }
        synchronized (seen) {
            if (seen.size() < capacity) {
                seen.add(value);
                return value;
            }
        }
        return seen.contains(value) ? value : Telemetry.OTHER;
    }
}
