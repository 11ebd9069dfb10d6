package io.sluice.processors.observe;

import java.time.Duration;
import java.util.Objects;

/**
 * What the observer needs to know.
 *
 * @param applicationId     the Kafka Streams application id (consumer group, state directory)
 * @param dedupeRetention   how long the audit chain remembers an event id to drop its repeats
 * @param windowGrace       how long after a minute ends its metrics wait for late responses
 *                          before they are published (a later one republishes with a higher revision)
 * @param windowRetention   how long a published minute is kept to be revised
 * @param alerts            when alerts fire and clear
 */
public record ObserverSettings(String applicationId, Duration dedupeRetention, Duration windowGrace,
        Duration windowRetention, AlertRules alerts) {
    public ObserverSettings {
        Objects.requireNonNull(applicationId, "applicationId");
        requirePositive(dedupeRetention, "dedupeRetention");
        requirePositive(windowGrace, "windowGrace");
        requirePositive(windowRetention, "windowRetention");
        Objects.requireNonNull(alerts, "alerts");
    }

    /** The defaults: an hour of event ids, 10 s of grace, an hour of revisable minutes, default alert rules. */
    public static ObserverSettings defaults(String applicationId) {
        return new ObserverSettings(applicationId, Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofHours(1),
                AlertRules.defaults());
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
