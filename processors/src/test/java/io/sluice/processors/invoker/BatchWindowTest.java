package io.sluice.processors.invoker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Off-peak windows: days, times across midnight, time zones and DST. */
class BatchWindowTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void aWeekdayNightWindowRunsFromItsStartDayIntoTheNextMorning() {
        BatchWindow nights = BatchWindow.parse("Mon-Fri 22:00-06:00", UTC);

        // 2025-01-03 is a Friday
        assertThat(nights.contains(Instant.parse("2025-01-03T21:59:59Z"))).isFalse();
        assertThat(nights.contains(Instant.parse("2025-01-03T22:00:00Z"))).isTrue();
        assertThat(nights.contains(Instant.parse("2025-01-04T05:59:59Z"))).as("Saturday morning, Friday's window").isTrue();
        assertThat(nights.contains(Instant.parse("2025-01-04T06:00:00Z"))).isFalse();
        assertThat(nights.contains(Instant.parse("2025-01-04T23:00:00Z"))).as("Saturday night").isFalse();
        assertThat(nights.contains(Instant.parse("2025-01-06T03:00:00Z"))).as("Monday morning: Sunday starts none")
                .isFalse();
        assertThat(nights.contains(Instant.parse("2025-01-06T22:30:00Z"))).isTrue();
    }

    @Test
    void wholeDaysListsAndWrappingRanges() {
        BatchWindow weekend = BatchWindow.parse("Sat,Sun 00:00-24:00", UTC);
        assertThat(weekend.contains(Instant.parse("2025-01-04T00:00:00Z"))).isTrue();
        assertThat(weekend.contains(Instant.parse("2025-01-05T23:59:59Z"))).isTrue();
        assertThat(weekend.contains(Instant.parse("2025-01-06T00:00:00Z"))).isFalse();

        BatchWindow longWeekend = BatchWindow.parse("fri-mon 09:00-17:00", UTC);
        assertThat(longWeekend.days()).hasSize(4);
        assertThat(longWeekend.contains(Instant.parse("2025-01-06T10:00:00Z"))).as("Monday").isTrue();
        assertThat(longWeekend.contains(Instant.parse("2025-01-07T10:00:00Z"))).as("Tuesday").isFalse();

        assertThat(BatchWindow.parse("* 01:00-02:00", UTC).days()).hasSize(7);
    }

    @Test
    void aWindowIsInItsOwnTimeZoneWhateverTheDefault() {
        BatchWindow newYork = BatchWindow.parse("Mon-Fri 22:00-06:00 America/New_York", ZoneId.of("Asia/Tokyo"));

        // Friday 22:00 in New York (EST, UTC-5) is Saturday 03:00 UTC
        assertThat(newYork.contains(Instant.parse("2025-01-04T02:59:00Z"))).isFalse();
        assertThat(newYork.contains(Instant.parse("2025-01-04T03:00:00Z"))).isTrue();
        assertThat(newYork.contains(Instant.parse("2025-01-04T10:59:00Z"))).isTrue();
        assertThat(newYork.contains(Instant.parse("2025-01-04T11:00:00Z"))).isFalse();
    }

    @Test
    void overASpringForwardGapTheWindowIsAnHourShorter() {
        // Paris moved from 02:00 CET to 03:00 CEST on Sunday 2025-03-30, at 01:00 UTC
        BatchWindow sundayNight = BatchWindow.parse("Sun 01:00-04:00 Europe/Paris", UTC);

        assertThat(sundayNight.contains(Instant.parse("2025-03-29T23:59:59Z"))).as("00:59 CET").isFalse();
        assertThat(sundayNight.contains(Instant.parse("2025-03-30T00:00:00Z"))).as("01:00 CET").isTrue();
        assertThat(sundayNight.contains(Instant.parse("2025-03-30T01:30:00Z"))).as("03:30 CEST").isTrue();
        assertThat(sundayNight.contains(Instant.parse("2025-03-30T02:00:00Z"))).as("04:00 CEST: two real hours")
                .isFalse();
    }

    @Test
    void overAFallBackHourTheWindowIsAnHourLonger() {
        // Paris moved from 03:00 CEST back to 02:00 CET on Sunday 2025-10-26, at 01:00 UTC
        BatchWindow sundayNight = BatchWindow.parse("Sun 01:00-04:00 Europe/Paris", UTC);

        assertThat(sundayNight.contains(Instant.parse("2025-10-25T22:59:59Z"))).as("00:59 CEST").isFalse();
        assertThat(sundayNight.contains(Instant.parse("2025-10-25T23:00:00Z"))).as("01:00 CEST").isTrue();
        assertThat(sundayNight.contains(Instant.parse("2025-10-26T02:59:59Z"))).as("03:59 CET").isTrue();
        assertThat(sundayNight.contains(Instant.parse("2025-10-26T03:00:00Z"))).as("04:00 CET: four real hours")
                .isFalse();
    }

    @Test
    void badWindowsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> BatchWindow.parse("weekdays 22:00-06:00", UTC)).hasMessageContaining("`weekdays`");
        assertThatThrownBy(() -> BatchWindow.parse("Mon 22:00", UTC)).hasMessageContaining("HH:MM-HH:MM");
        assertThatThrownBy(() -> BatchWindow.parse("Mon 25:00-06:00", UTC)).hasMessageContaining("`25:00`");
        assertThatThrownBy(() -> BatchWindow.parse("Mon 22:00-06:00 Mars/Olympus", UTC))
                .hasMessageContaining("unknown time zone `Mars/Olympus`");
        assertThatThrownBy(() -> BatchWindow.parse("Mon 22:00-22:00", UTC)).hasMessageContaining("00:00-24:00");
        assertThatThrownBy(() -> BatchWindow.parse("Mon", UTC)).hasMessageContaining("DAYS HH:MM-HH:MM");
    }
}
