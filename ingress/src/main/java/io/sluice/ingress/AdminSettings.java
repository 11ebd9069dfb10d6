package io.sluice.ingress;

import java.time.Duration;
import java.util.Objects;

/**
 * How the admin API manages tenants and keys.
 *
 * @param keyRotationGrace how long a rotated key's previous secret keeps working
 *                         ({@code ingress.key-rotation-grace})
 */
public record AdminSettings(Duration keyRotationGrace) {
    public static final Duration DEFAULT_KEY_ROTATION_GRACE = Duration.ofHours(24);

    public AdminSettings {
        Objects.requireNonNull(keyRotationGrace, "keyRotationGrace");
        if (keyRotationGrace.isNegative()) {
            throw new IllegalArgumentException("ingress.key-rotation-grace must not be negative");
        }
    }

    public static AdminSettings defaults() {
        return new AdminSettings(DEFAULT_KEY_ROTATION_GRACE);
    }
}
