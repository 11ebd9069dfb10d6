package io.sluice.processors.finops;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.TestStores;
import io.sluice.processors.finops.RateLimiter.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** GCRA request and token limits per tenant and API key, over a real in-memory store. */
class RateLimiterTest {
    private static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");
    private static final RateLimits TEN_RPM = new RateLimits(10L, null);
    private static final RateLimits TWO_RPM = new RateLimits(2L, null);

    private final KeyValueStore<String, Long> store = TestStores.open("rate-limits", Serdes.String(), Serdes.Long());
    private final RateLimiter limiter = new RateLimiter(store);

    private Verdict admit(String tenant, String key, RateLimits tenantLimits, RateLimits keyLimits, Instant at) {
        return limiter.admit(tenant, key, tenantLimits, keyLimits, 100, at);
    }

    @Test
    void aFreshLimitAdmitsAWholeMinutesWorthAtOnceThenRefusesWithWhenToRetry() {
        for (int i = 0; i < 10; i++) {
            assertThat(admit("acme", null, TEN_RPM, RateLimits.NONE, T0).admitted()).as("request %d", i + 1).isTrue();
        }

        Verdict eleventh = admit("acme", null, TEN_RPM, RateLimits.NONE, T0);

        assertThat(eleventh.admitted()).isFalse();
        assertThat(eleventh.exceeded()).isEqualTo("requests");
        assertThat(eleventh.scope()).isEqualTo("tenant");
        assertThat(eleventh.fits()).isTrue();
        assertThat(eleventh.status().getRetryAfterMillis()).isEqualTo(6_000L);
    }

    @Test
    void oneMoreIsAdmittedEverySpacingAfterTheBurst() {
        for (int i = 0; i < 10; i++) {
            admit("acme", null, TEN_RPM, RateLimits.NONE, T0);
        }

        assertThat(admit("acme", null, TEN_RPM, RateLimits.NONE, T0.plusMillis(5_999)).admitted()).isFalse();
        assertThat(admit("acme", null, TEN_RPM, RateLimits.NONE, T0.plusSeconds(6)).admitted()).isTrue();
        assertThat(admit("acme", null, TEN_RPM, RateLimits.NONE, T0.plusSeconds(6)).admitted()).isFalse();
    }

    @Test
    void aRefusalChargesNothingSoItDoesNotPushTheRetryFurtherOut() {
        for (int i = 0; i < 10; i++) {
            admit("acme", null, TEN_RPM, RateLimits.NONE, T0);
        }
        for (int i = 0; i < 5; i++) {
            admit("acme", null, TEN_RPM, RateLimits.NONE, T0);
        }

        assertThat(admit("acme", null, TEN_RPM, RateLimits.NONE, T0.plusSeconds(6)).admitted()).isTrue();
    }

    @Test
    void theStatusSaysWhatIsLeftAndWhenTheLimitIsFullAgain() {
        Verdict first = admit("acme", null, TEN_RPM, RateLimits.NONE, T0);

        assertThat(first.status().getLimitRequests()).isEqualTo(10L);
        assertThat(first.status().getRemainingRequests()).isEqualTo(9L);
        assertThat(first.status().getResetRequestsMillis()).isEqualTo(6_000L);
        assertThat(first.status().getLimitTokens()).isNull();
        assertThat(first.status().getRetryAfterMillis()).isNull();

        Verdict second = admit("acme", null, TEN_RPM, RateLimits.NONE, T0.plusSeconds(1));

        assertThat(second.status().getRemainingRequests()).isEqualTo(8L);
        assertThat(second.status().getResetRequestsMillis()).isEqualTo(11_000L);
    }

    @Test
    void noLimitMeansAdmittedWithoutAStatus() {
        Verdict verdict = admit("acme", "k1", RateLimits.NONE, RateLimits.NONE, T0);

        assertThat(verdict.admitted()).isTrue();
        assertThat(verdict.status()).isNull();
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void aRequestTheKeyRefusesIsNotChargedToTheTenant() {
        admit("acme", "k1", TEN_RPM, TWO_RPM, T0);
        admit("acme", "k1", TEN_RPM, TWO_RPM, T0);

        Verdict refused = admit("acme", "k1", TEN_RPM, TWO_RPM, T0);
        Verdict otherKey = admit("acme", "k2", TEN_RPM, RateLimits.NONE, T0);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.scope()).isEqualTo("key");
        assertThat(otherKey.status().getRemainingRequests()).as("tenant charged for 2 admitted + this one").isEqualTo(7L);
    }

    @Test
    void aRequestTheTenantRefusesIsNotChargedToTheKey() {
        admit("acme", "k1", TWO_RPM, TEN_RPM, T0);
        admit("acme", "k1", TWO_RPM, TEN_RPM, T0);

        Verdict refused = admit("acme", "k1", TWO_RPM, TEN_RPM, T0);
        Verdict sameKeyElsewhere = admit("globex", "k1", RateLimits.NONE, TEN_RPM, T0);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.scope()).isEqualTo("tenant");
        assertThat(refused.status().getRemainingRequests()).isZero();
        assertThat(sameKeyElsewhere.status().getRemainingRequests()).as("key charged for 2 admitted + this one")
                .isEqualTo(7L);
    }

    @Test
    void tokensAreChargedByTheRequestsSize() {
        RateLimits thousandTpm = new RateLimits(null, 1_000L);

        Verdict first = limiter.admit("acme", null, thousandTpm, RateLimits.NONE, 600, T0);
        Verdict second = limiter.admit("acme", null, thousandTpm, RateLimits.NONE, 600, T0);

        assertThat(first.admitted()).isTrue();
        assertThat(first.status().getRemainingTokens()).isEqualTo(400L);
        assertThat(first.status().getLimitTokens()).isEqualTo(1_000L);
        assertThat(second.admitted()).isFalse();
        assertThat(second.exceeded()).isEqualTo("tokens");
        assertThat(second.fits()).isTrue();
        // 200 tokens too many at 60 ms per token
        assertThat(second.status().getRetryAfterMillis()).isEqualTo(12_000L);
        assertThat(limiter.admit("acme", null, thousandTpm, RateLimits.NONE, 600, T0.plusSeconds(12)).admitted())
                .isTrue();
    }

    @Test
    void aRequestLargerThanTheTokenLimitNeverFitsAndGetsNoRetryTime() {
        Verdict verdict = limiter.admit("acme", null, new RateLimits(null, 1_000L), RateLimits.NONE, 1_001, T0);

        assertThat(verdict.admitted()).isFalse();
        assertThat(verdict.exceeded()).isEqualTo("tokens");
        assertThat(verdict.fits()).isFalse();
        assertThat(verdict.status().getRetryAfterMillis()).isNull();
    }

    @Test
    void theSweepDeletesOnlyLimitsThatAreFullAgain() {
        admit("idle", null, TEN_RPM, RateLimits.NONE, T0);
        admit("busy", null, TEN_RPM, RateLimits.NONE, T0.plusSeconds(5));
        Instant later = T0.plus(Duration.ofSeconds(8));

        String cursor = limiter.sweep(null, 100, later);

        assertThat(cursor).as("the whole store fit in one slice").isNull();
        assertThat(store.approximateNumEntries()).isEqualTo(1);
        // the busy tenant keeps its charge: 1 used, 3 s of its 6 s still to replenish
        assertThat(admit("busy", null, TEN_RPM, RateLimits.NONE, later).status().getResetRequestsMillis())
                .isEqualTo(9_000L);
        assertThat(admit("idle", null, TEN_RPM, RateLimits.NONE, later).status().getRemainingRequests()).isEqualTo(9L);
    }

    @Test
    void theSweepGoesASliceAtATime() {
        for (String tenant : new String[] {"a", "b", "c"}) {
            admit(tenant, null, TEN_RPM, RateLimits.NONE, T0);
        }
        Instant later = T0.plusSeconds(60);

        String cursor = limiter.sweep(null, 2, later);

        assertThat(cursor).isNotNull();
        assertThat(store.approximateNumEntries()).isEqualTo(1);
        assertThat(limiter.sweep(cursor, 2, later)).isNull();
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void aRequestFarLargerThanATinyTokenLimitIsRefusedWithoutOverflow() {
        // given 20 tokens per minute (3 s per token) and a client asking for two billion tokens
        RateLimits tiny = new RateLimits(null, 20L);

        Verdict verdict = limiter.admit("acme", null, tiny, RateLimits.NONE, 2_000_000_000L, T0);

        // then it never fits, and nothing was charged
        assertThat(verdict.admitted()).isFalse();
        assertThat(verdict.fits()).isFalse();
        assertThat(limiter.admit("acme", null, tiny, RateLimits.NONE, 20, T0).admitted()).isTrue();
    }
}
