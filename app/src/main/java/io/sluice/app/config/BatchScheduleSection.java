package io.sluice.app.config;

import io.sluice.processors.invoker.BatchSchedule;
import io.sluice.processors.invoker.BatchWindow;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code batch-schedule}: when the invoker works on batch requests ({@code priority=BATCH}, the
 * Batch API). Tenants may replace {@code windows} with their own {@code tenants[].batch-windows}.
 * No windows anywhere means batch work is always open, within the capacity guard.
 *
 * @param timeZone       the IANA zone of windows that name none; default UTC
 * @param windows        {@code "DAYS HH:MM-HH:MM [Zone/Id]"}, e.g. {@code "Mon-Fri 22:00-06:00"}
 * @param deadlineMargin a batch request this close to the end of its completion window runs
 *                       regardless of windows (with an audit note); default 2h
 * @param maxHeld        batch records held in memory before the batch partitions pause; default 10000
 * @param guard          the capacity guard that keeps batch work out of interactive traffic's way
 */
public record BatchScheduleSection(String timeZone, List<String> windows, Duration deadlineMargin, Integer maxHeld,
        GuardSection guard) {
    public static final BatchScheduleSection DEFAULTS = new BatchScheduleSection(null, null, null, null, null);

    public BatchScheduleSection {
        timeZone = timeZone == null ? "UTC" : timeZone;
        windows = windows == null ? List.of() : List.copyOf(windows);
        deadlineMargin = deadlineMargin == null ? BatchSchedule.DEFAULT_DEADLINE_MARGIN : deadlineMargin;
        maxHeld = maxHeld == null ? BatchSchedule.DEFAULT_MAX_HELD : maxHeld;
        guard = guard == null ? new GuardSection(null, null, null, null, null) : guard;
        parse("batch-schedule.windows", windows, zone(timeZone));
    }

    /**
     * The capacity guard; absent counts derive from {@code invoker.max-in-flight}: batch gets a
     * quarter of it, pauses when interactive work holds half, resumes when it is down to a quarter.
     *
     * @param maxInFlight     batch records in flight at most
     * @param pauseAt         interactive records in flight that pause batch consumption
     * @param resumeAt        interactive records in flight at or below which it resumes
     * @param deadlineTrickle batch records deadline-due requests may keep in flight while paused; default 1
     * @param rateLimitQuiet  how long a provider's 429 pauses batch consumption; default 30s
     */
    public record GuardSection(Integer maxInFlight, Integer pauseAt, Integer resumeAt, Integer deadlineTrickle,
            Duration rateLimitQuiet) {}

    /** The invoker's schedule, for an invoker of {@code invokerMaxInFlight} with these tenants. */
    BatchSchedule settings(int invokerMaxInFlight, List<SluiceConfig.TenantSection> tenants) {
        BatchSchedule base = BatchSchedule.alwaysOpen(invokerMaxInFlight);
        Map<String, List<BatchWindow>> own = new LinkedHashMap<>();
        for (var tenant : tenants) {
            if (tenant.batchWindows() != null) {
                own.put(tenant.id(), parse("tenants[id=" + tenant.id() + "].batch-windows", tenant.batchWindows(), zone(timeZone)));
            }
        }
        int batchMaxInFlight = or(guard.maxInFlight(), base.maxInFlight());
        if (batchMaxInFlight > invokerMaxInFlight) {
            throw new ConfigException("batch-schedule.guard.max-in-flight (" + batchMaxInFlight
                    + ") must not exceed invoker.max-in-flight (" + invokerMaxInFlight + ")");
        }
        try {
            return new BatchSchedule(parse("batch-schedule.windows", windows, zone(timeZone)), own, deadlineMargin,
                    batchMaxInFlight, or(guard.pauseAt(), base.pauseAt()),
                    or(guard.resumeAt(), base.resumeAt()), or(guard.deadlineTrickle(), base.deadlineTrickle()),
                    maxHeld, guard.rateLimitQuiet() == null ? base.rateLimitQuiet() : guard.rateLimitQuiet());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static List<BatchWindow> parse(String path, List<String> texts, ZoneId zone) {
        var parsed = new ArrayList<BatchWindow>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                parsed.add(BatchWindow.parse(texts.get(i), zone));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(path + "[" + i + "]: " + e.getMessage());
            }
        }
        return parsed;
    }

    private static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new ConfigException("batch-schedule.time-zone: unknown time zone `" + timeZone + "`");
        }
    }

    private static int or(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }
}
