package io.sluice.processors.invoker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * When and how much the invoker works on {@code invocations.batch}.
 *
 * @param windows          the off-peak windows of every tenant without its own; empty means always open
 * @param tenantWindows    tenants' own windows, replacing {@code windows} (an empty list: always open)
 * @param deadlineMargin   a batch request whose batch deadline is this close runs regardless of windows
 * @param maxInFlight      the most batch records worked on at once, whatever room interactive work leaves
 * @param pauseAt          interactive records in flight at which batch consumption pauses
 * @param resumeAt         interactive records in flight at or below which it resumes (below {@code pauseAt})
 * @param deadlineTrickle  batch records in flight that deadline-due requests may still have while paused
 * @param maxHeld          batch records held in memory (outside their window or waiting for room) before
 *                         the batch partitions holding them pause
 * @param rateLimitQuiet   how long after a provider's 429 batch consumption stays paused (longer when
 *                         the provider's {@code Retry-After} asks for more)
 */
public record BatchSchedule(List<BatchWindow> windows, Map<String, List<BatchWindow>> tenantWindows,
        Duration deadlineMargin, int maxInFlight, int pauseAt, int resumeAt, int deadlineTrickle, int maxHeld,
        Duration rateLimitQuiet) {
    public static final Duration DEFAULT_DEADLINE_MARGIN = Duration.ofHours(2);
    public static final Duration DEFAULT_RATE_LIMIT_QUIET = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_HELD = 10_000;

    public BatchSchedule {
        windows = List.copyOf(windows);
        tenantWindows = Map.copyOf(tenantWindows);
        if (deadlineMargin.isNegative()) {
            throw new IllegalArgumentException("batch-schedule.deadline-margin must not be negative");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("batch-schedule.guard.max-in-flight must be at least 1");
        }
        if (resumeAt < 0 || resumeAt >= pauseAt) {
            throw new IllegalArgumentException("batch-schedule.guard.resume-at (" + resumeAt
                    + ") must be at least 0 and below pause-at (" + pauseAt + ")");
        }
        if (deadlineTrickle < 0 || deadlineTrickle > maxInFlight) {
            throw new IllegalArgumentException("batch-schedule.guard.deadline-trickle must be between 0 and max-in-flight");
        }
        if (maxHeld < 1) {
            throw new IllegalArgumentException("batch-schedule.max-held must be at least 1");
        }
        if (rateLimitQuiet.isNegative()) {
            throw new IllegalArgumentException("batch-schedule.guard.rate-limit-quiet must not be negative");
        }
    }

    /**
     * Always open, with budgets scaled to the invoker's {@code maxInFlight}: batch gets a quarter of
     * the slots, pauses when interactive work holds half and resumes when it is back to a quarter.
     */
    public static BatchSchedule alwaysOpen(int invokerMaxInFlight) {
        int quarter = Math.max(1, invokerMaxInFlight / 4);
        int pauseAt = Math.max(2, invokerMaxInFlight / 2);
        return new BatchSchedule(List.of(), Map.of(), DEFAULT_DEADLINE_MARGIN, quarter, pauseAt,
                Math.min(quarter, pauseAt - 1), 1, DEFAULT_MAX_HELD, DEFAULT_RATE_LIMIT_QUIET);
    }

    /** True if {@code tenant} may run batch work at {@code instant} by its windows. */
    public boolean isOpen(String tenant, Instant instant) {
        List<BatchWindow> own = tenantWindows.getOrDefault(tenant, windows);
        if (own.isEmpty()) {
            return true;
        }
        for (BatchWindow window : own) {
            if (window.contains(instant)) {
                return true;
            }
        }
        return false;
    }

    /** True if a request with batch deadline {@code deadline} (null: none) must run at {@code instant}. */
    public boolean deadlineDue(Instant deadline, Instant instant) {
        return deadline != null && !instant.isBefore(deadline.minus(deadlineMargin));
    }
}
