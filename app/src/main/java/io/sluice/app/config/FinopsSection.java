package io.sluice.app.config;

import io.sluice.avro.Price;
import io.sluice.processors.finops.BudgetRule;
import io.sluice.processors.finops.FinopsSettings;
import io.sluice.processors.finops.Prices;
import io.sluice.processors.finops.RateLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code finops}: how budgets reserve and settle. Prices sit on models, budgets and limits on
 * tenants and keys; see the records below.
 *
 * @param defaultMaxTokens   the output allowance reserved for, and imposed on, a request without
 *                           {@code max_tokens} that a budget covers; also what token rate limits
 *                           count for it
 * @param reservationTimeout a reservation whose response has not come by then is released
 * @param settledRetention   how long replayed responses are recognised
 * @param flushInterval      how often changed budgets and cost totals are published
 */
public record FinopsSection(Integer defaultMaxTokens, Duration reservationTimeout, Duration settledRetention,
        Duration flushInterval) {
    public static final FinopsSection DEFAULTS = new FinopsSection(null, null, null, null);

    public FinopsSection {
        defaultMaxTokens = defaultMaxTokens == null ? FinopsSettings.DEFAULT_MAX_TOKENS : defaultMaxTokens;
        if (defaultMaxTokens < 1) {
            throw new ConfigException("finops.default-max-tokens must be at least 1");
        }
        for (var d : new Duration[] {reservationTimeout, settledRetention, flushInterval}) {
            if (d != null) {
                SluiceConfig.requirePositive("finops durations", d);
            }
        }
    }

    /**
     * A model's list price in dollars per million tokens (exact decimals, at most six places).
     *
     * @param cachedInput          for prompt tokens the provider served from its prompt cache; default: input
     * @param batchDiscountPercent taken off for batch requests, 0..100
     */
    public record PriceSection(BigDecimal input, BigDecimal output, BigDecimal cachedInput,
            Integer batchDiscountPercent) {
        public PriceSection {
            if (input == null || output == null) {
                throw new ConfigException("models[].price needs input and output (dollars per million tokens)");
            }
            batchDiscountPercent = batchDiscountPercent == null ? 0 : batchDiscountPercent;
            if (batchDiscountPercent < 0 || batchDiscountPercent > 100) {
                throw new ConfigException("models[].price.batch-discount-percent must be between 0 and 100");
            }
        }

        Price toPrice(String path) {
            try {
                long in = Prices.dollarsToMicros(path + ".input", input.toPlainString());
                return Price.newBuilder()
                        .setInputMicrosPerMillion(in)
                        .setOutputMicrosPerMillion(Prices.dollarsToMicros(path + ".output", output.toPlainString()))
                        .setCachedInputMicrosPerMillion(cachedInput == null ? in
                                : Prices.dollarsToMicros(path + ".cached-input", cachedInput.toPlainString()))
                        .setBatchDiscountPercent(batchDiscountPercent)
                        .build();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
    }

    /**
     * A budget: in dollars, per UTC {@code day} or {@code month}, for the whole tenant or one {@code app}.
     *
     * @param mode {@code hard} (refuse what does not fit; the default) or {@code soft} (alert only)
     */
    public record BudgetSection(String app, String period, BigDecimal limit, String mode) {
        public BudgetSection {
            if (period == null || !List.of("day", "month").contains(period.toLowerCase(Locale.ROOT))) {
                throw new ConfigException("tenants[].budgets[].period must be day or month");
            }
            if (limit == null) {
                throw new ConfigException("tenants[].budgets[].limit is required (dollars)");
            }
            mode = mode == null ? "hard" : mode.toLowerCase(Locale.ROOT);
            if (!List.of("hard", "soft").contains(mode)) {
                throw new ConfigException("tenants[].budgets[].mode must be hard or soft");
            }
        }

        BudgetRule toRule(String path) {
            try {
                return new BudgetRule(app, BudgetRule.Period.valueOf(period.toUpperCase(Locale.ROOT)),
                        Prices.dollarsToMicros(path + ".limit", limit.toPlainString()), "hard".equals(mode));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
    }

    /** Rate limits per minute; absent means none. */
    public record LimitsSection(Long requestsPerMinute, Long tokensPerMinute) {
        RateLimits toLimits(String path) {
            try {
                return new RateLimits(requestsPerMinute, tokensPerMinute);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(path + "." + e.getMessage());
            }
        }
    }
}
