package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.sluice.app.config.ConfigLoader;
import io.sluice.app.config.FinopsSection;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bench's sluice.yaml as Sluice's own config loader reads it. */
class SluiceConfigTest {

    private static final ConfigLoader LOADER = new ConfigLoader(name -> null);

    @Test
    void aFinopsRunPricesTheModelAndGivesTheTenantAHardBudgetAndLimitsTooLargeToRefuse() {
        // given the config of a finops run
        SluiceConfig bench = config(true);

        // when Sluice parses it
        var parsed = LOADER.parse(bench.toYaml(), "bench finops");

        // then the model has a price, the tenant a hard monthly budget and both rate limits
        var tenant = parsed.tenants().get(0);
        assertThat(tenant.id()).isEqualTo(SluiceConfig.TENANT);
        assertThat(tenant.keys()).singleElement().satisfies(k -> assertThat(k.id()).isEqualTo(SluiceConfig.KEY_ID));
        assertThat(tenant.budgets()).singleElement().satisfies(b -> {
            assertThat(b.period()).isEqualTo("month");
            assertThat(b.mode()).isEqualTo("hard");
            assertThat(b.limit()).isEqualByComparingTo(new BigDecimal(SluiceConfig.MONTHLY_BUDGET));
        });
        assertThat(tenant.limits()).isEqualTo(new FinopsSection.LimitsSection(SluiceConfig.REQUESTS_PER_MINUTE,
                SluiceConfig.TOKENS_PER_MINUTE));
        FinopsSection.PriceSection price = parsed.models().get(0).price();
        assertThat(price.input()).isEqualByComparingTo(SluiceConfig.PRICE_INPUT);
        assertThat(price.output()).isEqualByComparingTo(SluiceConfig.PRICE_OUTPUT);
    }

    @Test
    void theOtherRunsHaveNoPriceBudgetOrLimit() {
        // given the config of a completions or stream run
        SluiceConfig bench = config(false);

        // when Sluice parses it
        var parsed = LOADER.parse(bench.toYaml(), "bench");

        // then nothing is priced, budgeted or limited
        assertThat(parsed.tenants().get(0).budgets()).isEmpty();
        assertThat(parsed.tenants().get(0).limits()).isNull();
        assertThat(parsed.models().get(0).price()).isNull();
        assertThat(parsed.models().get(0).deployment()).isEqualTo(SluiceConfig.DEPLOYMENT);
    }

    @Test
    void finopsIsAModeOfItsOwnThatNeedsSluice() {
        // when the finops mode is asked for
        BenchOptions options = BenchOptions.parse("--mode", "finops");

        // then it runs neither the completions nor the stream phases, and cannot run without Sluice
        assertThat(options.mode().finops()).isTrue();
        assertThat(options.mode().completions()).isFalse();
        assertThat(options.mode().streams()).isFalse();
        assertThat(BenchOptions.parse("--mode", "both").mode().completions()).isTrue();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BenchOptions.parse("--direct-only", "--mode", "finops"))
                .withMessageContaining("--direct-only");
    }

    private static SluiceConfig config(boolean finops) {
        return new SluiceConfig(Path.of("/tmp/sluice-bench-test"), 19092, 19093, 18081, 18080, "sk-sluice-bench-test-key-0123456789",
                "http://127.0.0.1:18000/v1", finops);
    }
}
