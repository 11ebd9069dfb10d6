package io.sluice.processors.invoker;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.CircuitState;
import io.sluice.avro.DeploymentHealth;
import io.sluice.avro.Target;
import io.sluice.processors.provider.ProviderResult.ProviderError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CircuitsTest {
    private static final ResiliencePolicy POLICY = new ResiliencePolicy(4, Duration.ZERO, Duration.ZERO,
            Duration.ofSeconds(10), 3, Duration.ofSeconds(30));
    private static final ProviderError DOWN = ProviderError.forStatus("openai", 503, null, null, "down", null);
    private static final ProviderError BAD_REQUEST = ProviderError.forStatus("openai", 400, null, null, "bad", null);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<DeploymentHealth> published = new ArrayList<>();
    private final Circuits circuits = new Circuits(POLICY, "me", clock, new SplittableRandom(7), published::add);

    private static Target target(String deployment, int weight) {
        return Target.newBuilder().setTier(0).setModel("gpt").setDeployment(deployment).setProvider("openai")
                .setUpstreamModel("gpt").setRegion("eu").setWeight(weight).build();
    }

    private void fail(String deployment, ProviderError error) {
        assertThat(circuits.choose(List.of(target(deployment, 1)), Set.of())).isNotNull();
        circuits.failed(target(deployment, 1), error);
    }

    @Test
    void opensAfterConsecutiveFailuresKeepsCallsAwayThenLetsOneProbeThrough() {
        fail("a", DOWN);
        fail("a", DOWN);
        assertThat(circuits.state("a")).isEqualTo(CircuitState.CLOSED);

        fail("a", DOWN);

        assertThat(circuits.state("a")).isEqualTo(CircuitState.OPEN);
        assertThat(published).singleElement().satisfies(health -> {
            assertThat(health.getState()).isEqualTo(CircuitState.OPEN);
            assertThat(health.getOpenUntil()).isEqualTo(clock.instant().plusSeconds(30));
            assertThat(health.getInstance()).isEqualTo("me");
            assertThat(health.getReason()).isEqualTo("server_error 503");
        });
        assertThat(circuits.choose(List.of(target("a", 1)), Set.of())).as("open: no call").isNull();

        clock.advance(Duration.ofSeconds(30));
        assertThat(circuits.choose(List.of(target("a", 1)), Set.of())).as("the probe").isNotNull();
        assertThat(circuits.state("a")).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(circuits.choose(List.of(target("a", 1)), Set.of())).as("one probe at a time").isNull();

        circuits.answered("a");

        assertThat(circuits.state("a")).isEqualTo(CircuitState.CLOSED);
        assertThat(published).extracting(DeploymentHealth::getState).containsExactly(CircuitState.OPEN, CircuitState.CLOSED);
        assertThat(circuits.inFlight("a")).isZero();
    }

    @Test
    void aFailedProbeOpensTheCircuitAgain() {
        fail("a", DOWN);
        fail("a", DOWN);
        fail("a", DOWN);
        clock.advance(Duration.ofSeconds(31));

        fail("a", DOWN);

        assertThat(circuits.state("a")).isEqualTo(CircuitState.OPEN);
        assertThat(published).extracting(DeploymentHealth::getState).containsExactly(CircuitState.OPEN, CircuitState.OPEN);
        assertThat(circuits.choose(List.of(target("a", 1)), Set.of())).isNull();
    }

    @Test
    void theCallersErrorsAndAnswersResetTheCountAndRateLimitsOnlyRestTheDeployment() {
        fail("a", DOWN);
        fail("a", DOWN);
        fail("a", BAD_REQUEST);
        fail("a", DOWN);
        fail("a", DOWN);
        assertThat(circuits.state("a")).isEqualTo(CircuitState.CLOSED);

        fail("a", ProviderError.forStatus("openai", 429, null, null, "slow down", Duration.ofSeconds(2)));

        assertThat(circuits.state("a")).isEqualTo(CircuitState.CLOSED);
        assertThat(circuits.choose(List.of(target("a", 1)), Set.of())).as("resting for Retry-After").isNull();
        clock.advance(Duration.ofSeconds(2));
        assertThat(circuits.choose(List.of(target("a", 1)), Set.of())).isNotNull();
        assertThat(published).isEmpty();
    }

    @Test
    void appliesWhatOtherInstancesPublishButNotItsOwnEcho() {
        circuits.apply(health("other", CircuitState.OPEN, clock.instant().plusSeconds(10)));

        assertThat(circuits.state("a")).isEqualTo(CircuitState.OPEN);
        assertThat(circuits.choose(List.of(target("a", 1)), Set.of())).isNull();

        circuits.apply(health("other", CircuitState.CLOSED, null));
        assertThat(circuits.state("a")).isEqualTo(CircuitState.CLOSED);

        circuits.apply(health("me", CircuitState.OPEN, clock.instant().plusSeconds(10)));
        assertThat(circuits.state("a")).as("own record").isEqualTo(CircuitState.CLOSED);

        circuits.apply(health("other", CircuitState.OPEN, clock.instant().minusSeconds(1)));
        assertThat(circuits.state("a")).as("an opening already over").isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void sharesCallsByWeightWhenIdleAndPrefersUntriedDeployments() {
        var tier = List.of(target("a", 3), target("b", 1));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            Target chosen = circuits.choose(tier, Set.of());
            counts.merge(chosen.getDeployment(), 1, Integer::sum);
            circuits.answered(chosen.getDeployment());
        }
        assertThat(counts.get("a") / (double) counts.get("b")).isBetween(2.6, 3.4);

        for (int i = 0; i < 20; i++) {
            assertThat(circuits.choose(tier, Set.of("a")).getDeployment()).isEqualTo("b");
            circuits.answered("b");
        }
    }

    @Test
    void leansAwayFromADeploymentWhoseCallsPileUp() {
        var tier = List.of(target("a", 1), target("b", 1));
        for (int i = 0; i < 9; i++) {
            circuits.choose(List.of(target("a", 1)), Set.of()); // nine calls stuck on a
        }
        int toB = 0;
        for (int i = 0; i < 1000; i++) {
            Target chosen = circuits.choose(tier, Set.of());
            if (chosen.getDeployment().equals("b")) {
                toB++;
                circuits.answered("b");
            } else {
                circuits.answered("a");
                circuits.choose(List.of(target("a", 1)), Set.of());
            }
        }
        assertThat(toB).as("b gets about 10 of every 11").isGreaterThan(850);
    }

    private static DeploymentHealth health(String instance, CircuitState state, Instant openUntil) {
        return DeploymentHealth.newBuilder().setDeployment("a").setState(state).setOpenUntil(openUntil)
                .setInstance(instance).setDecidedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
