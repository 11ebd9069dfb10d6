package io.sluice.processors.invoker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The batch records read and not started: each tenant's in the order read, waiting for its
 * window, and those whose batch deadline is near enough to run regardless (of the window, and of a
 * closed guard within its trickle). Their offsets stay
 * unfinished, so nothing held is ever committed; a rebalance drops the held records of the
 * partitions it takes away (their next owner reads them again).
 *
 * <p>Tenants take turns, so one tenant's big batch does not starve another's open window. A held
 * record becomes deadline-due by the passing of time alone, so the held records are looked
 * through again once per {@link #RESCAN} of the clock, not on every turn. Poll thread only.
 */
final class BatchHold {
    static final Duration RESCAN = Duration.ofSeconds(1);

    private final BatchSchedule schedule;
    private final Clock clock;
    private final Map<String, ArrayDeque<Job>> byTenant = new LinkedHashMap<>();
    private final ArrayDeque<Job> due = new ArrayDeque<>();
    private final ArrayDeque<Job> cancelled = new ArrayDeque<>();
    private int held;
    private Instant nextRescan = Instant.MIN;

    BatchHold(BatchSchedule schedule, Clock clock) {
        this.schedule = schedule;
        this.clock = clock;
    }

    void add(Job job) {
        Instant now = clock.instant();
        held++;
        if (schedule.deadlineDue(job.batchDeadline(), now)) {
            due.add(job);
        } else {
            byTenant.computeIfAbsent(job.tenantId(), t -> new ArrayDeque<>()).add(job);
        }
    }

    /**
     * The next record to start, or null: a deadline-due one first (while the guard is closed only
     * within the trickle), then the oldest of the next tenant whose window is open, if the guard is open.
     * A deadline-due record started while its tenant's window is closed is marked as an override.
     */
    Job next(boolean guardOpen, int batchInFlight) {
        if (!cancelled.isEmpty()) {
            held--;
            return cancelled.poll();
        }
        if (batchInFlight >= schedule.maxInFlight()) {
            return null;
        }
        Instant now = clock.instant();
        rescanIfDue(now);
        if (!due.isEmpty() && (guardOpen || batchInFlight < schedule.deadlineTrickle())) {
            Job job = due.poll();
            held--;
            job.deadlineOverride(!schedule.isOpen(job.tenantId(), now));
            return job;
        }
        if (!guardOpen) {
            return null;
        }
        for (Iterator<Map.Entry<String, ArrayDeque<Job>>> it = byTenant.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ArrayDeque<Job>> tenant = it.next();
            if (schedule.isOpen(tenant.getKey(), now)) {
                it.remove();
                Job job = tenant.getValue().poll();
                if (!tenant.getValue().isEmpty()) {
                    byTenant.put(tenant.getKey(), tenant.getValue()); // to the back: tenants take turns
                }
                held--;
                return job;
            }
        }
        return null;
    }

    /**
     * Moves the records whose deadline came near to the deadline-due ones, whatever their tenant's
     * window: while the guard is closed only those get the trickle, open window or not.
     */
    private void rescanIfDue(Instant now) {
        if (now.isBefore(nextRescan)) {
            return;
        }
        nextRescan = now.plus(RESCAN);
        for (Iterator<Map.Entry<String, ArrayDeque<Job>>> it = byTenant.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ArrayDeque<Job>> tenant = it.next();
            tenant.getValue().removeIf(job -> {
                boolean isDue = schedule.deadlineDue(job.batchDeadline(), now);
                if (isDue) {
                    due.add(job);
                }
                return isDue;
            });
            if (tenant.getValue().isEmpty()) {
                it.remove();
            }
        }
    }

    /** Moves the held record of {@code requestId}, if any, to the cancelled ones, which start first. */
    void cancelled(String requestId) {
        Predicate<Job> match = job -> job.requestId().equals(requestId);
        due.removeIf(job -> match.test(job) && cancelled.add(job));
        byTenant.values().forEach(jobs -> jobs.removeIf(job -> match.test(job) && cancelled.add(job)));
        byTenant.values().removeIf(ArrayDeque::isEmpty);
    }

    /** Records held now. */
    int held() {
        return held;
    }

    /** True when the hold is full: the batch partitions pause until records leave it. */
    boolean full() {
        return held >= schedule.maxHeld();
    }

    /** Forgets the held records of these partitions: they never started, so their next owner reads them again. */
    void drop(Collection<?> partitions) {
        remove(job -> partitions.contains(job.partition()));
    }

    void dropAll() {
        remove(job -> true);
    }

    private void remove(Predicate<Job> which) {
        Predicate<Job> counted = job -> {
            boolean gone = which.test(job);
            if (gone) {
                held--;
            }
            return gone;
        };
        due.removeIf(counted);
        cancelled.removeIf(counted);
        byTenant.values().forEach(jobs -> jobs.removeIf(counted));
        byTenant.values().removeIf(ArrayDeque::isEmpty);
    }
}
