package io.sluice.processors.finops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.avro.Price;
import io.sluice.avro.Usage;
import org.junit.jupiter.api.Test;

/** Exact costs in micro-dollars, and prices parsed from dollars without losing a micro-dollar. */
class PricesTest {
    /** $0.15 in, $0.60 out, $0.075 cached per million tokens; half off in batch. */
    private static final Price PRICE = Price.newBuilder()
            .setInputMicrosPerMillion(150_000)
            .setOutputMicrosPerMillion(600_000)
            .setCachedInputMicrosPerMillion(75_000)
            .setBatchDiscountPercent(50)
            .build();

    private static Usage usage(int prompt, int completion, int cached) {
        return Usage.newBuilder().setPromptTokens(prompt).setCompletionTokens(completion)
                .setTotalTokens(prompt + completion).setCachedPromptTokens(cached).build();
    }

    @Test
    void aCostIsRoundedHalfUpToAWholeMicroDollar() {
        // 7 x 0.15 = 1.05 µ$ -> 1; 10 x 0.15 = 1.5 µ$ -> 2; 3 x 0.15 = 0.45 µ$ -> 0
        assertThat(Prices.costMicros(PRICE, usage(7, 0, 0), false)).isEqualTo(1);
        assertThat(Prices.costMicros(PRICE, usage(10, 0, 0), false)).isEqualTo(2);
        assertThat(Prices.costMicros(PRICE, usage(3, 0, 0), false)).isZero();
    }

    @Test
    void inputAndOutputAreSummedBeforeTheOneRounding() {
        // 1,000 in x 0.15 + 500 out x 0.60 = 150 + 300 µ$; 3 in + 1 out = 0.45 + 0.60 = 1.05 -> 1, not 0 + 1
        assertThat(Prices.costMicros(PRICE, usage(1_000, 500, 0), false)).isEqualTo(450);
        assertThat(Prices.costMicros(PRICE, usage(3, 1, 0), false)).isEqualTo(1);
    }

    @Test
    void cachedPromptTokensAreBilledAtTheCachedPrice() {
        // 600 fresh x 0.15 + 400 cached x 0.075 = 90 + 30 µ$
        assertThat(Prices.costMicros(PRICE, usage(1_000, 0, 400), false)).isEqualTo(120);
    }

    @Test
    void moreCachedTokensThanPromptTokensAreCappedAtThePrompt() {
        assertThat(Prices.costMicros(PRICE, usage(1_000, 0, 5_000), false)).isEqualTo(75);
    }

    @Test
    void aBatchRequestGetsTheDiscountOnEveryPrice() {
        // (90 + 30 + 1,000 x 0.60) x 50% = 360 µ$
        assertThat(Prices.costMicros(PRICE, usage(1_000, 1_000, 400), false)).isEqualTo(720);
        assertThat(Prices.costMicros(PRICE, usage(1_000, 1_000, 400), true)).isEqualTo(360);
        // 7 x 0.15 x 50% = 0.525 -> 1 (half up on the discounted product, not on 1 µ$ then halved)
        assertThat(Prices.costMicros(PRICE, usage(7, 0, 0), true)).isEqualTo(1);
    }

    @Test
    void noPriceOrNoUsageCostsNothing() {
        assertThat(Prices.costMicros(null, usage(1_000, 1_000, 0), false)).isZero();
        assertThat(Prices.costMicros(PRICE, null, false)).isZero();
        assertThat(Prices.worstCaseMicros(null, 1_000, 1_000, false)).isZero();
    }

    @Test
    void theWorstCaseBillsEveryInputTokenAtTheDearerOfTheInputAndCachedPrices() {
        assertThat(Prices.worstCaseMicros(PRICE, 1_000, 1_000, false)).isEqualTo(150 + 600);
        Price cachedDearer = Price.newBuilder(PRICE).setCachedInputMicrosPerMillion(200_000).build();
        assertThat(Prices.worstCaseMicros(cachedDearer, 1_000, 1_000, false)).isEqualTo(200 + 600);
        assertThat(Prices.worstCaseMicros(PRICE, 1_000, 1_000, true)).isEqualTo(375);
    }

    @Test
    void theWorstCaseIsNeverBelowTheActualCost() {
        for (int cached = 0; cached <= 1_000; cached += 250) {
            assertThat(Prices.worstCaseMicros(PRICE, 1_000, 700, false))
                    .isGreaterThanOrEqualTo(Prices.costMicros(PRICE, usage(1_000, 700, cached), false));
        }
    }

    @Test
    void dollarsParseExactlyToMicroDollars() {
        assertThat(Prices.dollarsToMicros("p", "2.50")).isEqualTo(2_500_000);
        assertThat(Prices.dollarsToMicros("p", " 0.000001 ")).isEqualTo(1);
        assertThat(Prices.dollarsToMicros("p", "0.1")).isEqualTo(100_000);
        assertThat(Prices.dollarsToMicros("p", "0.10000000")).isEqualTo(100_000);
        assertThat(Prices.dollarsToMicros("p", "0")).isZero();
    }

    @Test
    void aNegativePriceIsRefusedNamingItsPath() {
        assertThatThrownBy(() -> Prices.dollarsToMicros("models.gpt.price.input", "-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("models.gpt.price.input must not be negative");
    }

    @Test
    void moreThanSixDecimalsAreRefusedNotRounded() {
        assertThatThrownBy(() -> Prices.dollarsToMicros("models.gpt.price.input", "0.0000015"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("models.gpt.price.input must have at most six decimals");
    }

    @Test
    void somethingThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> Prices.dollarsToMicros("models.gpt.price.output", "$2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("models.gpt.price.output must be a number of dollars, not `$2`");
    }

    @Test
    void microDollarsPrintAsExactDollars() {
        assertThat(Prices.microsToDollars(1_234_567)).isEqualTo("1.234567");
        assertThat(Prices.microsToDollars(1)).isEqualTo("0.000001");
        assertThat(Prices.microsToDollars(0)).isEqualTo("0.000000");
        assertThat(Prices.microsToDollars(5_000_000)).isEqualTo("5.000000");
    }
}
