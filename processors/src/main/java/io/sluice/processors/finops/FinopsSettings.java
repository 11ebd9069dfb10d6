package io.sluice.processors.finops;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the gateway's money and limit stages decide with.
 *
 * @param budgets            each tenant's budgets
 * @param tenantLimits       each tenant's rate limits (all its keys together)
 * @param keyLimits          rate limits of single API keys, by key id
 * @param defaultMaxTokens   the output allowance reserved (and sent to the provider, so it holds)
 *                           for a request without {@code max_tokens} when a hard budget applies,
 *                           and counted against token rate limits
 * @param reservationTimeout how long a reservation waits for its response before it is released
 *                           with an {@code EXPIRED} audit event
 * @param settledRetention   how long settled request ids are remembered to drop replayed responses
 * @param flushInterval      how often changed cost totals and budget states are published
 */
public record FinopsSettings(
        Map<String, List<BudgetRule>> budgets,
        Map<String, RateLimits> tenantLimits,
        Map<String, RateLimits> keyLimits,
        int defaultMaxTokens,
        Duration reservationTimeout,
        Duration settledRetention,
        Duration flushInterval) {

    public static final int DEFAULT_MAX_TOKENS = 4096;

    public FinopsSettings {
        budgets = budgets == null ? Map.of() : budgets.entrySet().stream().collect(
                java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        tenantLimits = tenantLimits == null ? Map.of() : Map.copyOf(tenantLimits);
        keyLimits = keyLimits == null ? Map.of() : Map.copyOf(keyLimits);
        if (defaultMaxTokens < 1) {
            throw new IllegalArgumentException("default max tokens must be at least 1");
        }
        reservationTimeout = positive(reservationTimeout, Duration.ofMinutes(15), "reservation timeout");
        settledRetention = positive(settledRetention, Duration.ofHours(6), "settled retention");
        flushInterval = positive(flushInterval, Duration.ofSeconds(1), "flush interval");
    }

    /** No budgets and no limits. */
    public static FinopsSettings none() {
        return new FinopsSettings(null, null, null, DEFAULT_MAX_TOKENS, null, null, null);
    }

    public List<BudgetRule> budgetsOf(String tenant) {
        return budgets.getOrDefault(tenant, List.of());
    }

    public RateLimits tenantLimits(String tenant) {
        return tenantLimits.getOrDefault(tenant, RateLimits.NONE);
    }

    public RateLimits keyLimits(String keyId) {
        return keyId == null ? RateLimits.NONE : keyLimits.getOrDefault(keyId, RateLimits.NONE);
    }

    private static Duration positive(Duration value, Duration fallback, String what) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return value;
    }
}
