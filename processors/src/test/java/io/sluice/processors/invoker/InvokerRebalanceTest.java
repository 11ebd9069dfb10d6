package io.sluice.processors.invoker;

import static io.sluice.processors.invoker.InvokerHarness.P0;
import static io.sluice.processors.invoker.InvokerHarness.P1;
import static io.sluice.processors.invoker.TestInvocations.invocation;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rebalance that takes partitions away waits for their calls in flight and commits them, so that
 * their next owner does not call the providers again.
 */
class InvokerRebalanceTest {
    private InvokerHarness harness;
    private Thread answering;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (answering != null) {
            answering.join(TimeUnit.SECONDS.toMillis(20));
        }
        harness.close();
    }

    /** Answers call {@code index} once the revocation has begun, on a thread of its own. */
    private void answerDuringRevocation(int index) {
        answering = new Thread(() -> {
            try {
                if (harness.consumer.revoking.await(20, TimeUnit.SECONDS)) {
                    harness.manual.answer(index);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        answering.start();
    }

    @Test
    void revocationWaitsForTheCallsInFlightOnItsPartitionsAndCommitsThem() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(20), P0, P1);
        harness.add(P0, 0, invocation("req-1", "manual", "m"));
        harness.turn();
        assertThat(harness.manual.calls).hasSize(1);

        answerDuringRevocation(0);
        harness.consumer.rebalance(List.of(P1));

        assertThat(harness.committed(P0)).as("the next owner starts after req-1").isEqualTo(1);
        assertThat(harness.responses()).extracting(AiResponse::getRequestId).containsExactly("req-1");
        assertThat(harness.consumer.assignment()).containsExactly(P1);
    }

    @Test
    void queuedRecordsOfARevokedPartitionAreLeftToItsNextOwner() {
        harness = InvokerHarness.stepped(1, true, Duration.ofSeconds(20), P0, P1);
        harness.addManualCalls(P0, 2);
        harness.turn();

        answerDuringRevocation(0);
        harness.consumer.rebalance(List.of(P1));
        harness.turns(3);

        assertThat(harness.manual.calls).as("req-2 never started here").hasSize(1);
        assertThat(harness.committed(P0)).as("the next owner starts at req-2").isEqualTo(1);
    }

    @Test
    void revocationGivesUpOnCallsThatOutlastTheShutdownTimeout() {
        harness = InvokerHarness.stepped(16, true, Duration.ZERO, P0, P1);
        harness.add(P0, 0, invocation("req-1", "manual", "m"));
        harness.turn();

        harness.consumer.rebalance(List.of(P1));
        harness.manual.answer(0);
        harness.turns(3);

        assertThat(harness.responses()).as("the call still answers").extracting(AiResponse::getRequestId)
                .containsExactly("req-1");
        assertThat(harness.committed(P0)).as("the partition is gone; its next owner repeats req-1").isEqualTo(-1);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void revocationDoesNotWaitForCallsOnPartitionsItKeeps() {
        harness = InvokerHarness.stepped(16, true, Duration.ofMinutes(10), P0, P1);
        harness.add(P1, 0, invocation("req-1", "manual", "m"));
        harness.turn();

        harness.consumer.rebalance(List.of(P1));

        assertThat(harness.consumer.assignment()).containsExactly(P1);
        harness.manual.answer(0);
        harness.turns(2);
        assertThat(harness.committed(P1)).isEqualTo(1);
    }
}
