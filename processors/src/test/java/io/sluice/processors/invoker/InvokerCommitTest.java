package io.sluice.processors.invoker;

import static io.sluice.processors.invoker.InvokerHarness.BATCH0;
import static io.sluice.processors.invoker.InvokerHarness.CLOCK;
import static io.sluice.processors.invoker.InvokerHarness.P0;
import static io.sluice.processors.invoker.TestInvocations.invocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ResponseStatus;
import io.sluice.schemas.Telemetry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the invoker produces for an invocation, and that it commits only what is finished. */
class InvokerCommitTest {
    private InvokerHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void answersAnInvocationWithResponseReplyAndAuditAndCommitsOnceAllAreAcknowledged() {
        harness = InvokerHarness.stepped(16, false, Duration.ofSeconds(10), P0);

        harness.add(P0, 0, invocation("req-1", "local", "mock-echo"));
        harness.turns(3);

        assertThat(harness.producer.history()).extracting(ProducerRecord::topic)
                .containsExactly("sluice.audit.raw", "sluice.responses", "sluice.audit.raw");
        AiResponse response = harness.response("req-1");
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.SUCCESS);
        assertThat(response.getChoices().get(0).getMessage().getContent()).isEqualTo("what is the time");
        assertThat(response.getTimings().getCompletedAt()).isEqualTo(CLOCK.instant());
        assertThat(key(harness.sent("sluice.responses").get(0))).isEqualTo("acme");

        assertThat(harness.replyProducer.history()).singleElement().satisfies(replyRecord -> {
            assertThat(replyRecord.topic()).isEqualTo("sluice.replies");
            assertThat(replyRecord.partition()).isEqualTo(2);
            assertThat(key(replyRecord)).isEqualTo("req-1");
            AiReply reply = harness.topics.replies().valueSerde().deserializer()
                    .deserialize(replyRecord.topic(), replyRecord.value());
            assertThat(reply.getResponse()).isEqualTo(response);
        });
        assertThat(harness.audits()).extracting(AuditEvent::getEventId, AuditEvent::getAction, AuditEvent::getOutcome)
                .containsExactly(
                        tuple("req-1:INVOKED", AuditAction.INVOKED, false),
                        tuple("req-1:RESPONDED", AuditAction.RESPONDED, true));
        assertThat(harness.committed(P0)).as("nothing is acknowledged yet").isEqualTo(-1);

        harness.acknowledgeAll();
        harness.turn();

        assertThat(harness.committed(P0)).isEqualTo(1);
        assertThat(harness.meters.get(Telemetry.INVOKER_IN_FLIGHT).gauge().value()).isZero();
        assertThat(harness.meters.get(Telemetry.INVOKER_CALLS).tag(Telemetry.TAG_PROVIDER, "mock")
                .tag(Telemetry.TAG_OUTCOME, Telemetry.OUTCOME_SUCCESS).counter().count()).isEqualTo(1);
        assertThat(harness.meters.get(Telemetry.CLIENT_OPERATION_DURATION).tag(Telemetry.TAG_PROVIDER, "mock")
                .tag(Telemetry.TAG_REQUEST_MODEL, "mock-echo").tag(Telemetry.TAG_ERROR_TYPE, Telemetry.NO_ERROR)
                .timer().count()).isEqualTo(1);
    }

    @Test
    void providerErrorsBecomeErrorResponsesAndStillCommit() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0);

        harness.add(P0, 0, invocation("req-1", "local", "mock-error-429"));
        harness.add(P0, 1, invocation("req-2", "local", "mock-error-503"));
        harness.turns(3);

        assertThat(harness.committed(P0)).isEqualTo(2);
        AiResponse limited = harness.response("req-1");
        assertThat(limited.getStatus()).isEqualTo(ResponseStatus.ERROR);
        assertThat(limited.getError().getHttpStatus()).isEqualTo(429);
        assertThat(limited.getError().getRetryAfterSeconds()).isEqualTo(1L);
        assertThat(harness.response("req-2").getError().getType()).isEqualTo("upstream_error");
        assertThat(harness.audits()).filteredOn(AuditEvent::getOutcome).extracting(AuditEvent::getReason)
                .containsExactlyInAnyOrder("rate_limit_exceeded", "upstream_error");
        assertThat(harness.meters.get(Telemetry.INVOKER_CALLS).tag(Telemetry.TAG_OUTCOME, Telemetry.OUTCOME_ERROR)
                .counter().count()).isEqualTo(2);
    }

    @Test
    void commitsNothingPastARecordThatIsStillInFlight() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0);
        harness.addManualCalls(P0, 2);
        harness.turn();
        assertThat(harness.manual.calls).hasSize(2);

        harness.manual.answer(1);
        harness.turns(3);

        assertThat(harness.responses()).extracting(AiResponse::getRequestId).containsExactly("req-2");
        assertThat(harness.committed(P0)).as("offset 0 is unfinished").isEqualTo(-1);

        harness.manual.answer(0);
        harness.turns(2);

        assertThat(harness.committed(P0)).isEqualTo(2);
    }

    @Test
    void batchInvocationsAreAnsweredToo() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0, BATCH0);

        harness.add(BATCH0, 0, invocation("req-b", "local", "mock-echo"));
        harness.turns(3);

        assertThat(harness.response("req-b").getStatus()).isEqualTo(ResponseStatus.SUCCESS);
        assertThat(harness.committed(BATCH0)).isEqualTo(1);
    }

    @Test
    void unknownDeploymentsAndBrokenProvidersBecomeErrorResponsesNotLostRecords() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0);
        harness.add(P0, 0, invocation("req-1", "nowhere", "m"));
        harness.add(P0, 1, invocation("req-2", "manual", "m"));
        harness.turn();

        harness.manual.calls.get(0).future().completeExceptionally(new IllegalStateException("provider bug"));
        harness.turns(2);

        assertThat(harness.committed(P0)).isEqualTo(2);
        assertThat(harness.response("req-1").getError())
                .satisfies(error -> assertThat(error.getHttpStatus()).isEqualTo(500))
                .satisfies(error -> assertThat(error.getCode()).isEqualTo("deployment_not_configured"));
        assertThat(harness.response("req-2").getError())
                .satisfies(error -> assertThat(error.getHttpStatus()).isEqualTo(500))
                .satisfies(error -> assertThat(error.getType()).isEqualTo("server_error"));
    }

    private static String key(ProducerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }
}
