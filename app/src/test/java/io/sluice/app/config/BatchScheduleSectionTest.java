package io.sluice.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.processors.invoker.BatchSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code batch-schedule} and {@code tenants[].batch-windows} read into the invoker's schedule. */
class BatchScheduleSectionTest {
    private final ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

    @Test
    void noWindowsIsAlwaysOpenWithBudgetsScaledToTheInvoker() {
        BatchSchedule schedule = new ComponentSettings(loader.parse("", "empty.yaml")).invoker().batch();

        assertThat(schedule.isOpen("demo", Instant.parse("2025-01-02T12:00:00Z"))).isTrue();
        assertThat(schedule.maxInFlight()).isEqualTo(256);
        assertThat(schedule.pauseAt()).isEqualTo(512);
        assertThat(schedule.resumeAt()).isEqualTo(256);
        assertThat(schedule.deadlineMargin()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void windowsGuardAndTenantOverridesAreRead() {
        BatchSchedule schedule = new ComponentSettings(loader.parse("""
                batch-schedule:
                  time-zone: Europe/Paris
                  windows: ["Mon-Fri 22:00-06:00", "Sat,Sun 00:00-24:00"]
                  deadline-margin: 3h
                  max-held: 500
                  guard:
                    max-in-flight: 16
                    pause-at: 100
                    resume-at: 40
                    deadline-trickle: 2
                    rate-limit-quiet: 1m
                tenants:
                  - id: acme
                  - id: globex
                    batch-windows: ["* 12:00-14:00 America/New_York"]
                  - id: initech
                    batch-windows: []
                """, "batch.yaml")).invoker().batch();

        Instant thursdayNoonUtc = Instant.parse("2025-01-02T12:00:00Z");
        Instant thursday2230Paris = Instant.parse("2025-01-02T21:30:00Z");
        assertThat(schedule.isOpen("acme", thursdayNoonUtc)).isFalse();
        assertThat(schedule.isOpen("acme", thursday2230Paris)).isTrue();
        assertThat(schedule.isOpen("globex", thursday2230Paris)).isFalse();
        assertThat(schedule.isOpen("globex", Instant.parse("2025-01-02T17:30:00Z"))).as("12:30 in New York").isTrue();
        assertThat(schedule.isOpen("initech", thursdayNoonUtc)).as("an empty list: always open").isTrue();
        assertThat(schedule).extracting(BatchSchedule::deadlineMargin, BatchSchedule::maxHeld,
                BatchSchedule::maxInFlight, BatchSchedule::pauseAt, BatchSchedule::resumeAt,
                BatchSchedule::deadlineTrickle, BatchSchedule::rateLimitQuiet)
                .containsExactly(Duration.ofHours(3), 500, 16, 100, 40, 2, Duration.ofMinutes(1));
    }

    @Test
    void mistakesNameTheirPath() {
        assertThatThrownBy(() -> loader.parse("batch-schedule:\n  windows: [\"Mon-Fri 22:00\"]\n", "x.yaml"))
                .hasMessageContaining("batch-schedule.windows[0]");
        assertThatThrownBy(() -> loader.parse("batch-schedule:\n  time-zone: Moon/Base\n", "x.yaml"))
                .hasMessageContaining("batch-schedule.time-zone");
        assertThatThrownBy(() -> loader.parse("tenants:\n  - id: acme\n    batch-windows: [\"Someday 01:00-02:00\"]\n",
                "x.yaml")).hasMessageContaining("tenants[id=acme].batch-windows[0]");
        assertThatThrownBy(() -> loader.parse("batch-schedule:\n  guard:\n    pause-at: 10\n    resume-at: 10\n",
                "x.yaml")).hasMessageContaining("resume-at");
        assertThatThrownBy(() -> loader.parse("invoker:\n  max-in-flight: 8\nbatch-schedule:\n  guard:\n"
                + "    max-in-flight: 9\n", "x.yaml")).hasMessageContaining("batch-schedule.guard.max-in-flight");
        assertThatThrownBy(() -> loader.parse("batch-schedule:\n  guard:\n    paws-at: 1\n", "x.yaml"))
                .hasMessageContaining("batch-schedule.guard: unknown key `paws-at`");
    }
}
