package io.sluice.processors.finops;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * One budget of a tenant: for the whole tenant ({@code app == null}) or one of its apps, per UTC
 * day or month. A hard budget refuses requests whose worst case no longer fits; a soft one only
 * alerts.
 */
public record BudgetRule(String app, Period period, long limitMicros, boolean hard) {
    /** The budget's period; periods are calendar days and months in UTC. */
    public enum Period {
        DAY, MONTH;

        /** The start of the period {@code at} falls in. */
        public Instant start(Instant at) {
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            return (this == DAY ? day : day.withDayOfMonth(1)).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** The end (exclusive) of the period that starts at {@code start}. */
        public Instant end(Instant start) {
            ZonedDateTime at = start.atZone(ZoneOffset.UTC);
            return (this == DAY ? at.plusDays(1) : at.plusMonths(1)).toInstant();
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public BudgetRule {
        Objects.requireNonNull(period, "period");
        if (limitMicros < 0) {
            throw new IllegalArgumentException("a budget's limit must not be negative");
        }
        if (app != null && app.isBlank()) {
            throw new IllegalArgumentException("a budget's app must not be blank");
        }
    }

    /** {@code tenant} or {@code app:<id>}. */
    public String scope() {
        return app == null ? "tenant" : "app:" + app;
    }

    /** Whether a request of {@code requestApp} counts against this budget. */
    public boolean covers(String requestApp) {
        return app == null || app.equals(requestApp);
    }
}
