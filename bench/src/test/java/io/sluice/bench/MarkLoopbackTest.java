package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The generator counts the answers carrying a response header, over loopback against the mock. */
class MarkLoopbackTest {

    @Test
    void answersAreCountedOnlyWhenTheyCarryTheHeaderWithItsValue() throws Exception {
        // given the mock, which answers every completion as application/json and never from a cache
        try (MockUpstream upstream = new MockUpstream(0, Duration.ZERO, 1, StreamShape.defaults()).start()) {
            HttpTarget target = HttpTarget.jsonPost(upstream.baseUrl() + "/chat/completions", GatewayBench.REQUEST_BODY, null);

            // when one phase counts content-type: application/json and another x-sluice-cache: hit
            LoadResult json = closedLoop(target.marking("Content-Type", "application/json"));
            LoadResult hits = closedLoop(target.marking(FinopsPhases.CACHE_HEADER, FinopsPhases.HIT));

            // then every answer of the first is marked, none of the second
            assertThat(json.ok()).isPositive();
            assertThat(json.marks().inWindow()).isEqualTo(json.ok());
            assertThat(json.marks().inPhase()).isEqualTo(json.marks().okInPhase());
            assertThat(hits.ok()).isPositive();
            assertThat(hits.marks().inPhase()).isZero();
            assertThat(hits.marks().okInPhase()).isGreaterThanOrEqualTo(hits.ok());
        }
    }

    private static LoadResult closedLoop(HttpTarget target) throws Exception {
        try (LoadGenerator load = new LoadGenerator(target, 1, Duration.ofSeconds(5))) {
            return load.closedLoop("marks", 2, Duration.ZERO, Duration.ofSeconds(1));
        }
    }
}
