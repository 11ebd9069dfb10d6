package io.sluice.processors.invoker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The capacity guard closes at the high-water mark and opens only at the low one. */
class CapacityGuardTest {
    private final AtomicBoolean rateLimited = new AtomicBoolean();
    private final CapacityGuard guard = new CapacityGuard(8, 3, rateLimited::get);

    @Test
    void closesAtTheHighWaterMarkAndOpensOnlyBackAtTheLowOne() {
        assertThat(guard.update(7)).isTrue();
        assertThat(guard.update(8)).as("high water").isFalse();
        assertThat(guard.update(5)).as("between the marks it stays closed").isFalse();
        assertThat(guard.update(4)).isFalse();
        assertThat(guard.update(3)).as("low water").isTrue();
        assertThat(guard.update(7)).as("between the marks it stays open").isTrue();
    }

    @Test
    void aProviderRateLimitClosesItWhateverTheLoad() {
        rateLimited.set(true);
        assertThat(guard.update(0)).isFalse();

        rateLimited.set(false);
        assertThat(guard.update(0)).isTrue();
    }
}
