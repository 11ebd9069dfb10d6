package io.sluice.processors.invoker;

import static io.sluice.processors.invoker.InvokerHarness.P0;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.Cancellation;
import io.sluice.avro.Invocation;
import io.sluice.avro.ResponseStatus;
import io.sluice.processors.tokens.TokenCounter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A requester that went away: the provider call is aborted, and what it used is still recorded. */
class InvokerCancelTest {
    private InvokerHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static Invocation streamed(String requestId, String model) {
        Invocation invocation = TestInvocations.invocation(requestId, "local", model);
        return Invocation.newBuilder(invocation)
                .setRequest(AiRequest.newBuilder(invocation.getRequest()).setStream(true).build())
                .build();
    }

    private static Cancellation cancellation(String requestId) {
        return new Cancellation(requestId, "client_closed", Instant.parse("2026-12-02T10:00:00Z"));
    }

    @Test
    void aStalledStreamIsAbortedAndTheTokensSentSoFarAreRecordedAsAnEstimate() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0);
        harness.add(P0, 0, streamed("req-1", "mock-stall"));
        harness.turns(2);
        assertThat(harness.responses()).as("the stall holds the call open").isEmpty();

        harness.invoker.cancel(cancellation("req-1"));
        harness.turns(3);

        AiResponse response = harness.response("req-1");
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.ERROR);
        assertThat(response.getError().getHttpStatus()).isEqualTo(499);
        assertThat(response.getError().getType()).isEqualTo("cancelled");
        assertThat(response.getUsage().getEstimated()).isTrue();
        assertThat(response.getUsage().getCompletionTokens()).as("the two words of 'what is ' streamed")
                .isEqualTo(TokenCounter.count("what is "));
        assertThat(response.getUsage().getPromptTokens()).isGreaterThan(TokenCounter.count("what is the time"));
        assertThat(harness.audits()).extracting(AuditEvent::getAction).containsExactly(AuditAction.INVOKED,
                AuditAction.CANCELLED, AuditAction.RESPONDED);
        AuditEvent outcome = harness.audits().get(2);
        assertThat(outcome.getCompletionTokens()).isEqualTo(response.getUsage().getCompletionTokens());
        assertThat(outcome.getHttpStatus()).isEqualTo(499);
        assertThat(harness.committed(P0)).isEqualTo(1);
    }

    @Test
    void aCancelThatArrivesBeforeTheInvocationMeansNoCallAtAll() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0);
        harness.invoker.cancel(cancellation("req-1"));
        harness.turn();

        harness.add(P0, 0, streamed("req-1", "mock-echo"));
        harness.turns(3);

        AiResponse response = harness.response("req-1");
        assertThat(response.getError().getHttpStatus()).isEqualTo(499);
        assertThat(response.getAttempts()).isZero();
        assertThat(response.getUsage()).as("nothing was called, nothing billed").isNull();
        assertThat(harness.replies()).noneMatch(reply -> reply.getKind().name().equals("CHUNK"));
        assertThat(harness.audits()).extracting(AuditEvent::getAction)
                .containsExactly(AuditAction.CANCELLED, AuditAction.RESPONDED);
    }

    @Test
    void aCancelForARequestThatFinishedChangesNothing() {
        harness = InvokerHarness.stepped(16, true, Duration.ofSeconds(10), P0);
        harness.add(P0, 0, streamed("req-1", "mock-echo"));
        harness.turns(3);

        harness.invoker.cancel(cancellation("req-1"));
        harness.turns(2);

        assertThat(harness.responses()).singleElement()
                .satisfies(response -> assertThat(response.getStatus()).isEqualTo(ResponseStatus.SUCCESS));
    }
}
