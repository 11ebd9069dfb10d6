package io.sluice.processors.finops;

import io.sluice.avro.Price;
import io.sluice.avro.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Costs from prices, exactly: prices are integer micro-dollars per million tokens, so a call's
 * cost is an integer product divided once by a million (and by the batch discount), rounded half
 * up to a whole micro-dollar. Each request is rounded once; totals are sums of rounded requests, so
 * every aggregate equals the sum of its parts.
 */
public final class Prices {
    private static final long PER_MILLION = 1_000_000L;

    private Prices() {}

    /** The cost of {@code usage}; zero without a price or usage. Cached prompt tokens are billed at the cached price. */
    public static long costMicros(Price price, Usage usage, boolean batch) {
        if (price == null || usage == null) {
            return 0;
        }
        long prompt = Math.max(0, usage.getPromptTokens());
        long cached = Math.min(prompt, Math.max(0, usage.getCachedPromptTokens()));
        long completion = Math.max(0, usage.getCompletionTokens());
        long microMicros = Math.addExact(Math.addExact(
                Math.multiplyExact(prompt - cached, price.getInputMicrosPerMillion()),
                Math.multiplyExact(cached, price.getCachedInputMicrosPerMillion())),
                Math.multiplyExact(completion, price.getOutputMicrosPerMillion()));
        return scaled(microMicros, batch ? price.getBatchDiscountPercent() : 0);
    }

    /** The most {@code inputTokens} in and {@code outputTokens} out can cost, for a reservation. */
    public static long worstCaseMicros(Price price, long inputTokens, long outputTokens, boolean batch) {
        if (price == null) {
            return 0;
        }
        long input = Math.max(price.getInputMicrosPerMillion(), price.getCachedInputMicrosPerMillion());
        long microMicros = Math.addExact(Math.multiplyExact(inputTokens, input),
                Math.multiplyExact(outputTokens, price.getOutputMicrosPerMillion()));
        return scaled(microMicros, batch ? price.getBatchDiscountPercent() : 0);
    }

    /** {@code microMicros / 1e6 * (100 - discount) / 100}, rounded half up, without overflow. */
    private static long scaled(long microMicros, int discountPercent) {
        if (discountPercent == 0) {
            return (microMicros + PER_MILLION / 2) / PER_MILLION;
        }
        return BigDecimal.valueOf(microMicros)
                .multiply(BigDecimal.valueOf(100L - discountPercent))
                .divide(BigDecimal.valueOf(100L * PER_MILLION), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /**
     * Parses a price in dollars per million tokens ({@code "2.50"}) to micro-dollars per million,
     * exactly; more than six decimals would not be a whole number of micro-dollars and is refused.
     *
     * @throws IllegalArgumentException naming {@code path} if the value is negative, not a number or too precise
     */
    public static long dollarsToMicros(String path, String dollars) {
        BigDecimal value;
        try {
            value = new BigDecimal(dollars.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + " must be a number of dollars, not `" + dollars + "`");
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException(path + " must not be negative");
        }
        try {
            return value.movePointRight(6).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(path + " must have at most six decimals and fit in micro-dollars");
        }
    }

    /** Micro-dollars as exact decimal dollars, e.g. {@code 1234567 -> "1.234567"}. */
    public static String microsToDollars(long micros) {
        return BigDecimal.valueOf(micros).movePointLeft(6).setScale(6, RoundingMode.UNNECESSARY).toPlainString();
    }
}
