package io.sluice.app.report;

import java.math.BigDecimal;

/** Dollar amounts from micro-dollars, exact: the long is scaled, never converted to a double. */
final class Money {
    private Money() {}

    /** {@code 1234567} -> {@code 1.234567}; always six decimals. */
    static String usd(long micros) {
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }

    /** {@code 1500000} -> {@code 1.50}, {@code 5} -> {@code 0.000005}: at least two decimals, no trailing zeros past them. */
    static String usdShort(long micros) {
        BigDecimal value = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return value.setScale(Math.max(2, value.scale())).toPlainString();
    }
}
