package io.sluice.processors.finops;

import io.sluice.avro.RateLimitStatus;
import io.sluice.processors.stores.Sweeps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Requests-per-minute and tokens-per-minute limits by the generic cell rate algorithm (GCRA), per
 * tenant and per API key, kept in a store of the stream task that owns the tenant, so the limit
 * holds exactly however many ingress and gateway instances run.
 *
 * <p>Each limit keeps one number, its theoretical arrival time (TAT). A limit of N per minute
 * spaces units {@code T = 60 s / N} apart and tolerates a burst of a whole minute's worth: a
 * request costing {@code c} units is admitted when {@code max(TAT, now) + c*T - now <= 60 s}, and
 * then moves the TAT there. So a fresh limit admits N at once, then one more every T: never more
 * than N in any 60-second window that starts when the limit is full (and never more than 2N - 1 in
 * any window at all). A request is admitted only when every limit that applies admits it, and only
 * then are they all charged. Exact for limits up to about 245,000 per minute; above that the
 * integer spacing may let a minute hold a few units more.
 */
public final class RateLimiter {
    static final long PERIOD_NANOS = 60_000_000_000L;
    private static final char SEP = '\u001f';

    private final KeyValueStore<String, Long> store;

    public RateLimiter(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    /**
     * The outcome of one admission.
     *
     * @param exceeded null when admitted; else {@code requests} or {@code tokens}
     * @param scope    null when admitted; else {@code tenant} or {@code key}
     * @param fits     false when the request alone costs more tokens than the limit allows in a minute
     */
    public record Verdict(String exceeded, String scope, boolean fits, RateLimitStatus status) {
        public boolean admitted() {
            return exceeded == null;
        }
    }

    private record Check(String storeKey, String kind, String scope, long limit, long cost) {
        long spacing() {
            return PERIOD_NANOS / limit;
        }
    }

    /**
     * Admits one request of {@code tokens} tokens against the tenant's and the key's limits, or
     * says which limit refused it and when it would fit. Null status when no limit applies.
     */
    public Verdict admit(String tenant, String keyId, RateLimits tenantLimits, RateLimits keyLimits, long tokens,
            Instant now) {
        List<Check> checks = new ArrayList<>(4);
        add(checks, "t" + SEP + tenant, "tenant", tenantLimits, tokens);
        if (keyId != null) {
            add(checks, "k" + SEP + keyId, "key", keyLimits, tokens);
        }
        if (checks.isEmpty()) {
            return new Verdict(null, null, true, null);
        }
        long nowNanos = Math.multiplyExact(now.toEpochMilli(), 1_000_000L);
        long[] newTat = new long[checks.size()];
        Check refused = null;
        long retryAfter = 0;
        for (Check check : checks) {
            if (check.cost() > check.limit()) {
                // more than a whole minute's allowance: it can never be admitted (and cost x spacing
                // could overflow for a client's huge max_tokens)
                RateLimitStatus status = status(checks, null, nowNanos);
                status.setRetryAfterMillis(null);
                return new Verdict(check.kind(), check.scope(), false, status);
            }
        }
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            Long tat = store.get(check.storeKey());
            long start = tat == null ? nowNanos : Math.max(tat, nowNanos);
            newTat[i] = start + Math.multiplyExact(check.cost(), check.spacing());
            if (newTat[i] - nowNanos > PERIOD_NANOS) {
                long wait = newTat[i] - PERIOD_NANOS - nowNanos;
                if (refused == null || wait > retryAfter) {
                    refused = check;
                    retryAfter = wait;
                }
            }
        }
        if (refused != null) {
            RateLimitStatus status = status(checks, null, nowNanos);
            status.setRetryAfterMillis(ceilMillis(retryAfter));
            return new Verdict(refused.kind(), refused.scope(), true, status);
        }
        for (int i = 0; i < checks.size(); i++) {
            store.put(checks.get(i).storeKey(), newTat[i]);
        }
        return new Verdict(null, null, true, status(checks, newTat, nowNanos));
    }

    private static void add(List<Check> checks, String prefix, String scope, RateLimits limits, long tokens) {
        if (limits.requestsPerMinute() != null) {
            checks.add(new Check(prefix + SEP + "rpm", "requests", scope, limits.requestsPerMinute(), 1));
        }
        if (limits.tokensPerMinute() != null) {
            checks.add(new Check(prefix + SEP + "tpm", "tokens", scope, limits.tokensPerMinute(), tokens));
        }
    }

    /** The tightest request and token limit: the one with the fewest units left. */
    private RateLimitStatus status(List<Check> checks, long[] newTat, long nowNanos) {
        RateLimitStatus status = new RateLimitStatus();
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            long tat;
            if (newTat != null) {
                tat = newTat[i];
            } else {
                Long stored = store.get(check.storeKey());
                tat = stored == null ? nowNanos : Math.max(stored, nowNanos);
            }
            long used = Math.max(0, tat - nowNanos);
            long remaining = Math.max(0, (PERIOD_NANOS - used) / check.spacing());
            long reset = ceilMillis(used);
            if (check.kind().equals("requests")) {
                if (status.getRemainingRequests() == null || remaining < status.getRemainingRequests()) {
                    status.setLimitRequests(check.limit());
                    status.setRemainingRequests(remaining);
                    status.setResetRequestsMillis(reset);
                }
            } else if (status.getRemainingTokens() == null || remaining < status.getRemainingTokens()) {
                status.setLimitTokens(check.limit());
                status.setRemainingTokens(remaining);
                status.setResetTokensMillis(reset);
            }
        }
        return status;
    }

    private static long ceilMillis(long nanos) {
        return (nanos + 999_999L) / 1_000_000L;
    }

    /**
     * Deletes up to {@code max} limits that are full again (their TAT has passed), which hold
     * nothing a fresh limit would not, starting after {@code cursor}; returns the key to resume
     * after, or null when the sweep reached the end.
     */
    public String sweep(String cursor, int max, Instant now) {
        long nowNanos = Math.multiplyExact(now.toEpochMilli(), 1_000_000L);
        return Sweeps.sweep(store, cursor, max, (key, tat) -> tat <= nowNanos);
    }
}
