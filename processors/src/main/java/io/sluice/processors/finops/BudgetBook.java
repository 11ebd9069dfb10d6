package io.sluice.processors.finops;

import io.sluice.avro.Alert;
import io.sluice.avro.BudgetStatus;
import io.sluice.processors.finops.Ledger.BudgetState;
import io.sluice.processors.finops.Ledger.Reservation;
import io.sluice.processors.stores.Sweeps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Budgets that never overshoot: admission reserves a request's worst case against every budget
 * that covers it and refuses it when a hard budget could be exceeded; the response settles the
 * reservation with the actual cost. Both are idempotent by request id: a replayed request finds its
 * reservation (or settlement) and reserves nothing more; a replayed response finds its settlement
 * and changes nothing. A reservation whose response never comes is released when it expires.
 *
 * <p>Because the worst case is reserved before the call and the actual cost cannot exceed it (the
 * output is capped by {@code max_tokens}, which the gateway sets when the request left it open, and
 * the input estimate is an upper bound), committed spend never exceeds a hard budget.
 */
public final class BudgetBook {
    /** Percentages of a budget that alert once per period each. */
    public static final int[] THRESHOLDS = {50, 80, 100};
    /** The longest a reservation waits for its request to be called (a batch's completion window and more). */
    public static final java.time.Duration MAX_HOLD = java.time.Duration.ofHours(48);
    static final char SEP = '\u001f';

    private final FinopsSettings settings;
    private final Function<String, List<BudgetRule>> rulesOf;
    private final KeyValueStore<String, BudgetState> budgets;
    private final KeyValueStore<String, Reservation> reservations;
    private final KeyValueStore<String, Long> settled;
    private final Dirty dirty;

    public BudgetBook(FinopsSettings settings, KeyValueStore<String, BudgetState> budgets,
            KeyValueStore<String, Reservation> reservations, KeyValueStore<String, Long> settled, Dirty dirty) {
        this(settings, settings::budgetsOf, budgets, reservations, settled, dirty);
    }

    /**
     * @param rules each tenant's budgets, when they are not only the configured ones (tenants of
     *              the admin API have theirs on the {@code tenants} topic)
     */
    public BudgetBook(FinopsSettings settings, Function<String, List<BudgetRule>> rules,
            KeyValueStore<String, BudgetState> budgets, KeyValueStore<String, Reservation> reservations,
            KeyValueStore<String, Long> settled, Dirty dirty) {
        this.settings = settings;
        this.rulesOf = rules;
        this.budgets = budgets;
        this.reservations = reservations;
        this.settled = settled;
        this.dirty = dirty;
    }

    /** A hard budget that the request's worst case does not fit in. */
    public record Refusal(BudgetRule rule, BudgetState state, long worstCaseMicros, List<Alert> alerts) {
        public String message() {
            long left = Math.max(0, rule.limitMicros() - state.committedMicros() - state.reservedMicros());
            return "The " + (rule.app() == null ? "organization's" : "app `" + rule.app() + "`'s") + " "
                    + (rule.period() == BudgetRule.Period.DAY ? "daily" : "monthly") + " budget of $"
                    + Prices.microsToDollars(rule.limitMicros()) + " cannot cover this request (up to $"
                    + Prices.microsToDollars(worstCaseMicros) + "; $" + Prices.microsToDollars(left) + " left).";
        }
    }

    /** Whether the response of {@code requestId} was settled (within the settled retention). */
    public boolean settled(String requestId) {
        return settled.get(requestId) != null;
    }

    /** Whether any budget covers requests of {@code app} of {@code tenant}. */
    public boolean applies(String tenant, String app) {
        for (BudgetRule rule : rulesOf.apply(tenant)) {
            if (rule.covers(app)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reserves {@code worstCaseMicros} against every budget covering the request, in the periods
     * {@code receivedAt} falls in; null when admitted. The first refusal in a period carries the
     * budget's 100% alert.
     */
    public Refusal reserve(String tenant, String app, String requestId, long worstCaseMicros, Instant receivedAt,
            Instant now) {
        return reserve(tenant, app, requestId, worstCaseMicros, receivedAt, now, null);
    }

    /**
     * As {@link #reserve(String, String, String, long, Instant, Instant)}, for a request that may
     * wait until {@code heldUntil} before it is called (a batch request waiting for its off-peak
     * window, at most {@link #MAX_HOLD} from now): its reservation lasts the reservation timeout past
     * that, so that it is not released, and the budget overrun, while the request waits.
     */
    public Refusal reserve(String tenant, String app, String requestId, long worstCaseMicros, Instant receivedAt,
            Instant now, Instant heldUntil) {
        if (reservations.get(requestId) != null || settled.get(requestId) != null) {
            return null;
        }
        List<BudgetRule> rules = covering(tenant, app);
        List<String> keys = new ArrayList<>(rules.size());
        List<BudgetState> states = new ArrayList<>(rules.size());
        for (BudgetRule rule : rules) {
            String key = key(tenant, rule, receivedAt);
            BudgetState state = stateOf(key);
            if (rule.hard() && state.committedMicros() + state.reservedMicros() + worstCaseMicros > rule.limitMicros()) {
                int full = THRESHOLDS.length - 1;
                List<Alert> raised = List.of();
                if ((state.alerted() & (1 << full)) == 0) {
                    state = new BudgetState(state.committedMicros(), state.reservedMicros(), state.alerted() | (1 << full));
                    budgets.put(key, state);
                    dirty.mark(Dirty.BUDGET, key);
                    raised = List.of(alert(tenant, rule, key, THRESHOLDS[full], state, now, true));
                }
                return new Refusal(rule, state, worstCaseMicros, raised);
            }
            keys.add(key);
            states.add(state);
        }
        if (keys.isEmpty()) {
            return null;
        }
        for (int i = 0; i < keys.size(); i++) {
            BudgetState s = states.get(i);
            budgets.put(keys.get(i), new BudgetState(s.committedMicros(), s.reservedMicros() + worstCaseMicros, s.alerted()));
            dirty.mark(Dirty.BUDGET, keys.get(i));
        }
        Instant start = heldUntil == null || !heldUntil.isAfter(now) ? now
                : heldUntil.isAfter(now.plus(MAX_HOLD)) ? now.plus(MAX_HOLD) : heldUntil;
        reservations.put(requestId, new Reservation(tenant, app, worstCaseMicros, keys,
                start.plus(settings.reservationTimeout()).toEpochMilli()));
        return null;
    }

    /**
     * Settles a response: releases its reservation and commits its cost to the budgets that cover
     * it, firing threshold alerts once per period. False for a response settled before (a replay),
     * which changes nothing.
     */
    public boolean settle(String requestId, String tenant, String app, long costMicros, Instant receivedAt, Instant now,
            Consumer<Alert> alerts) {
        if (settled.get(requestId) != null) {
            return false;
        }
        Reservation reservation = reservations.get(requestId);
        List<String> keys;
        if (reservation != null) {
            keys = reservation.budgetKeys();
            reservations.delete(requestId);
        } else {
            keys = covering(tenant, app).stream().map(rule -> key(tenant, rule, receivedAt)).toList();
        }
        for (String key : keys) {
            BudgetRule rule = ruleOf(key);
            BudgetState s = stateOf(key);
            long reserved = reservation == null ? s.reservedMicros() : Math.max(0, s.reservedMicros() - reservation.amountMicros());
            BudgetState next = new BudgetState(s.committedMicros() + costMicros, reserved, s.alerted());
            if (rule != null) {
                next = crossed(tenant, rule, key, next, now, alerts);
            }
            budgets.put(key, next);
            dirty.mark(Dirty.BUDGET, key);
        }
        settled.put(requestId, now.toEpochMilli());
        return true;
    }

    private BudgetState crossed(String tenant, BudgetRule rule, String key, BudgetState s, Instant now,
            Consumer<Alert> alerts) {
        int alerted = s.alerted();
        for (int i = 0; i < THRESHOLDS.length; i++) {
            boolean reached = rule.limitMicros() == 0
                    ? s.committedMicros() > 0
                    : s.committedMicros() * 100 >= (long) THRESHOLDS[i] * rule.limitMicros();
            if (reached && (alerted & (1 << i)) == 0) {
                alerted |= 1 << i;
                alerts.accept(alert(tenant, rule, key, THRESHOLDS[i], s, now, false));
            }
        }
        return alerted == s.alerted() ? s : new BudgetState(s.committedMicros(), s.reservedMicros(), alerted);
    }

    /**
     * Releases up to {@code max} reservations past their expiry, after {@code cursor}; each one
     * released is handed to {@code expired}. Returns the cursor to resume after (null at the end).
     */
    public String expire(String cursor, int max, Instant now, Consumer<Map.Entry<String, Reservation>> expired) {
        long nowMillis = now.toEpochMilli();
        return Sweeps.sweep(reservations, cursor, max, (requestId, r) -> {
            if (r.expiresAtMillis() > nowMillis) {
                return false;
            }
            for (String key : r.budgetKeys()) {
                BudgetState s = stateOf(key);
                budgets.put(key, new BudgetState(s.committedMicros(), Math.max(0, s.reservedMicros() - r.amountMicros()),
                        s.alerted()));
                dirty.mark(Dirty.BUDGET, key);
            }
            expired.accept(Map.entry(requestId, r));
            return true;
        });
    }

    /** Forgets settled request ids older than the retention, a slice at a time. */
    public String forgetSettled(String cursor, int max, Instant now) {
        long before = now.minus(settings.settledRetention()).toEpochMilli();
        return Sweeps.sweep(settled, cursor, max, (id, at) -> at < before);
    }

    /** Drops the states of periods that ended long enough ago that nothing can settle into them. */
    public String forgetPeriods(String cursor, int max, Instant now) {
        Instant horizon = now.minus(settings.reservationTimeout()).minus(MAX_HOLD).minus(settings.settledRetention());
        return Sweeps.sweep(budgets, cursor, max, (key, state) -> {
            String[] parts = key.split(String.valueOf(SEP), -1);
            BudgetRule.Period period = BudgetRule.Period.valueOf(parts[2].toUpperCase(java.util.Locale.ROOT));
            return period.end(Instant.ofEpochMilli(Long.parseLong(parts[3]))).isBefore(horizon);
        });
    }

    /** The published state of the budget under {@code key}; null if it is no longer configured. */
    public BudgetStatus status(String key, Instant now) {
        BudgetRule rule = ruleOf(key);
        if (rule == null) {
            return null;
        }
        String[] parts = key.split(String.valueOf(SEP), -1);
        Instant start = Instant.ofEpochMilli(Long.parseLong(parts[3]));
        BudgetState s = stateOf(key);
        return BudgetStatus.newBuilder()
                .setTenantId(parts[0])
                .setScope(parts[1])
                .setPeriod(parts[2])
                .setPeriodStart(start)
                .setPeriodEnd(rule.period().end(start))
                .setHard(rule.hard())
                .setLimitMicros(rule.limitMicros())
                .setCommittedMicros(s.committedMicros())
                .setReservedMicros(s.reservedMicros())
                .setUpdatedAt(now)
                .build();
    }

    /** The key a budget's status is published under: one per tenant, scope and period kind. */
    public static String statusKey(BudgetStatus status) {
        return status.getTenantId() + "/" + status.getScope() + "/" + status.getPeriod();
    }

    private List<BudgetRule> covering(String tenant, String app) {
        List<BudgetRule> rules = rulesOf.apply(tenant);
        if (rules.isEmpty()) {
            return rules;
        }
        List<BudgetRule> out = new ArrayList<>(rules.size());
        for (BudgetRule rule : rules) {
            if (rule.covers(app)) {
                out.add(rule);
            }
        }
        return out;
    }

    private BudgetRule ruleOf(String key) {
        String[] parts = key.split(String.valueOf(SEP), -1);
        for (BudgetRule rule : rulesOf.apply(parts[0])) {
            if (rule.scope().equals(parts[1]) && rule.period().label().equals(parts[2])) {
                return rule;
            }
        }
        return null;
    }

    private BudgetState stateOf(String key) {
        BudgetState state = budgets.get(key);
        return state == null ? BudgetState.EMPTY : state;
    }

    static String key(String tenant, BudgetRule rule, Instant at) {
        return tenant + SEP + rule.scope() + SEP + rule.period().label() + SEP + rule.period().start(at).toEpochMilli();
    }

    private static Alert alert(String tenant, BudgetRule rule, String key, int threshold, BudgetState s, Instant now,
            boolean refused) {
        String subject = "budget " + rule.scope() + "/" + rule.period().label();
        String periodStart = key.substring(key.lastIndexOf(SEP) + 1);
        String message = refused
                ? "The " + subject + " refused a request: its $" + Prices.microsToDollars(rule.limitMicros())
                        + " cannot cover it (committed $" + Prices.microsToDollars(s.committedMicros()) + ")."
                : "The " + subject + " reached " + threshold + "% of $" + Prices.microsToDollars(rule.limitMicros())
                        + " (committed $" + Prices.microsToDollars(s.committedMicros()) + ").";
        return Alert.newBuilder()
                .setAlertId(tenant + "/" + rule.scope() + "/" + rule.period().label() + "/" + periodStart + "/" + threshold)
                .setTenantId(tenant)
                .setKind("budget_threshold")
                .setFiring(true)
                .setSubject(subject)
                .setMessage(message)
                .setTimestamp(now)
                .setDetails(Map.of(
                        "scope", rule.scope(),
                        "period", rule.period().label(),
                        "periodStart", Instant.ofEpochMilli(Long.parseLong(periodStart)).toString(),
                        "thresholdPercent", String.valueOf(threshold),
                        "committedMicros", String.valueOf(s.committedMicros()),
                        "limitMicros", String.valueOf(rule.limitMicros()),
                        "hard", String.valueOf(rule.hard())))
                .build();
    }
}
