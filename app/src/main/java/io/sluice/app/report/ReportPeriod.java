package io.sluice.app.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The UTC days a report covers: from {@code from} (inclusive) to {@code to} (exclusive), so that
 * consecutive reports ({@code --from 2025-05-01 --to 2025-06-01}, then June) never count a day twice.
 */
record ReportPeriod(LocalDate from, LocalDate to) {
    ReportPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("--to (" + to + ", exclusive) must be after --from (" + from + ")");
        }
    }

    boolean contains(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(to);
    }

    /** Every day of the period, in order. */
    List<LocalDate> days() {
        return from.datesUntil(to).toList();
    }
}
