package io.sluice.processors.invoker;

import static io.sluice.processors.invoker.InvokerHarness.BATCH0;
import static io.sluice.processors.invoker.InvokerHarness.P0;
import static io.sluice.processors.invoker.TestInvocations.batchInvocation;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.processors.invoker.CircuitsTest.MutableClock;
import io.sluice.schemas.Telemetry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Batch invocations under an injected clock: they run only inside their tenant's off-peak window
 * (or near their batch deadline, with an audit note), one tenant's closed window holds back none of
 * another's, interactive load pauses them, and no commit passes a batch record that has not run.
 */
class InvokerBatchScheduleTest {
    /** Thursday noon UTC: outside the default window, which opens at 22:00. */
    private static final Instant THURSDAY_NOON = Instant.parse("2025-01-02T12:00:00Z");
    private static final Duration TO_THE_WINDOW = Duration.ofHours(10);

    private final MutableClock clock = new MutableClock(THURSDAY_NOON);
    private InvokerHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** Nights for everyone, all day for globex; batch may have 2 in flight, pauses at 2 interactive, resumes at 1. */
    private static BatchSchedule schedule(int maxHeld) {
        return new BatchSchedule(List.of(BatchWindow.parse("Mon-Fri 22:00-06:00", ZoneOffset.UTC)),
                Map.of("globex", List.of(BatchWindow.parse("* 00:00-24:00", ZoneOffset.UTC))), Duration.ofHours(2),
                2, 2, 1, 1, maxHeld, Duration.ofSeconds(30));
    }

    @Test
    void aBatchRecordWaitsForItsWindowUncommittedAndRunsWhenItOpens() {
        harness = InvokerHarness.stepped(8, schedule(100), clock, P0, BATCH0);
        harness.add(BATCH0, 0, batchInvocation("b-1", "acme", null));
        harness.add(P0, 0, TestInvocations.invocation("i-1", "local", "mock-echo"));

        harness.turns(4);

        assertThat(harness.responses()).extracting(AiResponse::getRequestId).as("interactive runs at once")
                .containsExactly("i-1");
        assertThat(harness.committed(BATCH0)).as("the held record is not committed").isEqualTo(-1);
        assertThat(gauge(Telemetry.INVOKER_BATCH_HELD)).isEqualTo(1);

        clock.advance(TO_THE_WINDOW);
        harness.turns(4);

        assertThat(harness.responses()).extracting(AiResponse::getRequestId).containsExactly("i-1", "b-1");
        assertThat(harness.committed(BATCH0)).isEqualTo(1);
        assertThat(gauge(Telemetry.INVOKER_BATCH_HELD)).isZero();
        assertThat(harness.audits()).filteredOn(e -> e.getRequestId().equals("b-1"))
                .extracting(AuditEvent::getReason).containsOnlyNulls();
    }

    @Test
    void aHeldRecordWhoseRequestIsCancelledEndsCancelledAtOnceWithoutACall() {
        harness = InvokerHarness.stepped(8, schedule(100), clock, BATCH0);
        harness.add(BATCH0, 0, batchInvocation("b-1", "acme", null));
        harness.turns(4);
        assertThat(harness.responses()).isEmpty();

        harness.invoker.cancel(io.sluice.avro.Cancellation.newBuilder().setRequestId("b-1")
                .setReason("batch_cancelled").setAt(THURSDAY_NOON).build());
        harness.turns(4);

        assertThat(harness.response("b-1").getError().getHttpStatus()).isEqualTo(499);
        assertThat(harness.response("b-1").getAttempts()).isZero();
        assertThat(harness.committed(BATCH0)).isEqualTo(1);
        assertThat(gauge(Telemetry.INVOKER_BATCH_HELD)).isZero();
    }

    @Test
    void anotherTenantsOpenWindowOnTheSamePartitionIsNotHeldBack() {
        harness = InvokerHarness.stepped(8, schedule(100), clock, BATCH0);
        harness.add(BATCH0, 0, batchInvocation("acme-1", "acme", null));
        harness.add(BATCH0, 1, batchInvocation("globex-1", "globex", null));
        harness.add(BATCH0, 2, batchInvocation("globex-2", "globex", null));

        harness.turns(6);

        assertThat(harness.responses()).extracting(AiResponse::getRequestId).containsExactly("globex-1", "globex-2");
        assertThat(harness.committed(BATCH0)).as("offset 0 has not run, so nothing is committed").isEqualTo(-1);

        clock.advance(TO_THE_WINDOW);
        harness.turns(4);

        assertThat(harness.response("acme-1").getStatus()).isEqualTo(io.sluice.avro.ResponseStatus.SUCCESS);
        assertThat(harness.committed(BATCH0)).isEqualTo(3);
    }

    @Test
    void aBatchNearItsDeadlineRunsOutsideItsWindowWithAnAuditNote() {
        harness = InvokerHarness.stepped(8, schedule(100), clock, BATCH0);
        harness.add(BATCH0, 0, batchInvocation("late-1", "acme", THURSDAY_NOON.plus(Duration.ofHours(1))));
        harness.add(BATCH0, 1, batchInvocation("later-1", "acme", THURSDAY_NOON.plus(Duration.ofHours(3))));

        harness.turns(4);

        assertThat(harness.responses()).extracting(AiResponse::getRequestId).containsExactly("late-1");
        assertThat(invoked("late-1")).satisfies(event -> {
            assertThat(event.getReason()).isEqualTo("batch_deadline_override");
            assertThat(event.getDetails()).containsEntry("batchId", "batch-acme")
                    .containsEntry("batchDeadline", "2025-01-02T13:00:00Z");
        });
        assertThat(harness.committed(BATCH0)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(61)); // later-1 is now within two hours of its deadline
        harness.turns(4);

        assertThat(harness.responses()).extracting(AiResponse::getRequestId).containsExactly("late-1", "later-1");
        assertThat(invoked("later-1").getReason()).isEqualTo("batch_deadline_override");
        assertThat(harness.meters.get(Telemetry.INVOKER_BATCH_DEADLINE_OVERRIDES).tag(Telemetry.TAG_TENANT, "acme")
                .counter().count()).isEqualTo(2);
        assertThat(harness.committed(BATCH0)).isEqualTo(2);
    }

    @Test
    void interactiveLoadPausesBatchConsumptionUntilItDropsToTheLowWaterMark() {
        harness = InvokerHarness.stepped(8, schedule(100), clock, P0, BATCH0);
        harness.addManualCalls(P0, 2);
        harness.turns(2);
        assertThat(harness.manual.calls).hasSize(2);

        harness.add(BATCH0, 0, batchInvocation("globex-1", "globex", null));
        harness.turns(4);

        assertThat(harness.consumer.paused()).containsExactly(BATCH0);
        assertThat(gauge(Telemetry.INVOKER_BATCH_PAUSED)).isEqualTo(1);
        assertThat(harness.responses()).isEmpty();

        harness.manual.answer(0); // one interactive call left: the low-water mark
        harness.turns(4);

        assertThat(harness.consumer.paused()).isEmpty();
        assertThat(harness.responses()).extracting(AiResponse::getRequestId).containsExactly("req-1", "globex-1");
        harness.manual.answer(1);
        harness.turns(2);
        assertThat(harness.committed(BATCH0)).isEqualTo(1);
        assertThat(harness.committed(P0)).isEqualTo(2);
    }

    @Test
    void aFullHoldPausesTheBatchPartitionsButNotInteractiveOnes() {
        harness = InvokerHarness.stepped(8, schedule(2), clock, P0, BATCH0);
        for (int i = 0; i < 3; i++) {
            harness.add(BATCH0, i, batchInvocation("acme-" + i, "acme", null));
        }
        harness.turns(3);

        assertThat(harness.consumer.paused()).containsExactly(BATCH0);
        harness.add(P0, 0, TestInvocations.invocation("i-1", "local", "mock-echo"));
        harness.turns(3);
        assertThat(harness.responses()).extracting(AiResponse::getRequestId).containsExactly("i-1");

        clock.advance(TO_THE_WINDOW);
        harness.turns(6);

        assertThat(harness.consumer.paused()).isEmpty();
        assertThat(harness.responses()).hasSize(4);
        assertThat(harness.committed(BATCH0)).isEqualTo(3);
    }

    @Test
    void withoutWindowsBatchRecordsRunAtOnceWithinTheirOwnBudget() {
        harness = InvokerHarness.stepped(8, null, clock, BATCH0);
        harness.add(BATCH0, 0, batchInvocation("b-1", "acme", null));

        harness.turns(3);

        assertThat(harness.response("b-1").getStatus()).isEqualTo(io.sluice.avro.ResponseStatus.SUCCESS);
        assertThat(harness.committed(BATCH0)).isEqualTo(1);
    }

    private AuditEvent invoked(String requestId) {
        return harness.audits().stream()
                .filter(e -> e.getRequestId().equals(requestId) && e.getAction() == AuditAction.INVOKED)
                .findFirst().orElseThrow();
    }

    private double gauge(String name) {
        return harness.meters.get(name).gauge().value();
    }
}
