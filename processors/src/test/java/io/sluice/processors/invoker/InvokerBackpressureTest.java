package io.sluice.processors.invoker;

import static io.sluice.processors.invoker.InvokerHarness.P0;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.schemas.Telemetry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The invoker works at most {@code maxInFlight} records at once and stops reading at the bound. */
class InvokerBackpressureTest {
    private InvokerHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void pausesAtMaxInFlightStartsQueuedWorkInOrderAndResumesBelowIt() {
        harness = InvokerHarness.stepped(1, true, Duration.ofSeconds(10), P0);
        harness.addManualCalls(P0, 3);

        harness.turns(5);

        assertThat(harness.consumer.paused()).containsExactly(P0);
        assertThat(harness.manual.calls).as("one call at a time").hasSize(1);
        assertThat(inFlight()).isEqualTo(1);

        harness.manual.answer(0);
        harness.turns(2);
        assertThat(harness.manual.calls).hasSize(2);
        assertThat(harness.manual.calls.get(1).call().request().getRequestId()).isEqualTo("req-2");
        assertThat(harness.consumer.paused()).as("two records still to finish").containsExactly(P0);

        harness.manual.answer(1);
        harness.turns(2);
        assertThat(harness.manual.calls).hasSize(3);

        harness.manual.answer(2);
        harness.turns(2);

        assertThat(harness.committed(P0)).isEqualTo(3);
        assertThat(harness.consumer.paused()).isEmpty();
        assertThat(inFlight()).isZero();
    }

    @Test
    void readsOnWhileBelowTheBound() {
        harness = InvokerHarness.stepped(3, true, Duration.ofSeconds(10), P0);
        harness.addManualCalls(P0, 2);

        harness.turns(3);

        assertThat(harness.manual.calls).hasSize(2);
        assertThat(harness.consumer.paused()).isEmpty();
    }

    private double inFlight() {
        return harness.meters.get(Telemetry.INVOKER_IN_FLIGHT).gauge().value();
    }
}
