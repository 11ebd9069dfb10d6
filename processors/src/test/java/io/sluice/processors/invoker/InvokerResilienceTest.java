package io.sluice.processors.invoker;

import static io.sluice.processors.invoker.InvokerHarness.P0;
import static io.sluice.processors.invoker.TestInvocations.invocation;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.Invocation;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Target;
import io.sluice.schemas.Telemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retries and fallbacks through the invoker's loop, with the mock provider's failing models. */
class InvokerResilienceTest {
    private static final ResiliencePolicy IMMEDIATE = new ResiliencePolicy(4, Duration.ZERO, Duration.ZERO,
            Duration.ofMillis(500), 100, Duration.ofSeconds(30));

    private InvokerHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    /** An invocation whose tiers are the given upstream models of the mock deployment, in order. */
    private static Invocation withTiers(String requestId, String... models) {
        Invocation first = invocation(requestId, "local", models[0]);
        List<Target> targets = new ArrayList<>();
        for (int tier = 0; tier < models.length; tier++) {
            targets.add(Target.newBuilder().setTier(tier).setModel("model-" + tier).setDeployment("local")
                    .setProvider("mock").setUpstreamModel(models[tier]).setRegion("eu").build());
        }
        return Invocation.newBuilder(first).setTargets(targets).build();
    }

    private void runUntilAnswered(String requestId) {
        for (int i = 0; i < 200 && harness.responses().stream().noneMatch(r -> r.getRequestId().equals(requestId)); i++) {
            harness.turn();
        }
    }

    private List<AuditAction> actions(String requestId) {
        return harness.audits().stream().filter(e -> e.getRequestId().equals(requestId))
                .map(AuditEvent::getAction).toList();
    }

    @Test
    void aRetryableFailureIsRetriedAndTheResponseCountsBothAttempts() {
        harness = InvokerHarness.stepped(IMMEDIATE, P0);

        harness.add(P0, 0, invocation("req-1", "local", "mock-flaky"));
        runUntilAnswered("req-1");

        AiResponse response = harness.response("req-1");
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.SUCCESS);
        assertThat(response.getAttempts()).isEqualTo(2);
        assertThat(actions("req-1")).containsExactly(AuditAction.INVOKED, AuditAction.RETRIED, AuditAction.RESPONDED);
        AuditEvent retried = harness.audits().stream().filter(e -> e.getAction() == AuditAction.RETRIED).findFirst()
                .orElseThrow();
        assertThat(retried.getEventId()).isEqualTo("req-1:RETRIED:2");
        assertThat(retried.getHttpStatus()).isEqualTo(503);
        assertThat(harness.meters.get(Telemetry.INVOKER_RETRIES).tag(Telemetry.TAG_KIND, "retry").counter().count())
                .isEqualTo(1);
    }

    @Test
    void whenTheModelKeepsFailingTheNextModelOfTheChainAnswers() {
        harness = InvokerHarness.stepped(IMMEDIATE, P0);

        harness.add(P0, 0, withTiers("req-1", "mock-error-500", "mock-echo"));
        runUntilAnswered("req-1");

        AiResponse response = harness.response("req-1");
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.SUCCESS);
        assertThat(response.getAttempts()).as("two on the model, then the fallback").isEqualTo(3);
        assertThat(actions("req-1")).containsExactly(AuditAction.INVOKED, AuditAction.RETRIED, AuditAction.FELL_BACK,
                AuditAction.RESPONDED);
        AuditEvent responded = harness.audits().stream().filter(AuditEvent::getOutcome).findFirst().orElseThrow();
        assertThat(responded.getResolvedModel()).isEqualTo("mock-echo");
    }

    @Test
    void theCallersOwnErrorIsNeverRetried() {
        harness = InvokerHarness.stepped(IMMEDIATE, P0);

        harness.add(P0, 0, withTiers("req-1", "mock-error-422", "mock-echo"));
        runUntilAnswered("req-1");

        AiResponse response = harness.response("req-1");
        assertThat(response.getError().getHttpStatus()).isEqualTo(422);
        assertThat(response.getAttempts()).isEqualTo(1);
        assertThat(actions("req-1")).containsExactly(AuditAction.INVOKED, AuditAction.RESPONDED);
    }

    @Test
    void aRetryAfterLongerThanTheInvokerWaitsMovesOnToTheFallbackAtOnce() {
        harness = InvokerHarness.stepped(IMMEDIATE, P0);

        harness.add(P0, 0, withTiers("req-1", "mock-error-429", "mock-echo"));
        harness.add(P0, 1, invocation("req-2", "local", "mock-error-429"));
        runUntilAnswered("req-1");
        runUntilAnswered("req-2");

        assertThat(harness.response("req-1").getStatus()).isEqualTo(ResponseStatus.SUCCESS);
        assertThat(harness.response("req-1").getAttempts()).isEqualTo(2);
        AiResponse limited = harness.response("req-2");
        assertThat(limited.getError().getHttpStatus()).as("nothing to fall back to: the 429 is the answer").isEqualTo(429);
        assertThat(limited.getError().getRetryAfterSeconds()).isEqualTo(1L);
        assertThat(limited.getAttempts()).isEqualTo(1);
    }

    @Test
    void theAttemptBudgetBoundsEveryRequest() {
        harness = InvokerHarness.stepped(new ResiliencePolicy(2, Duration.ZERO, Duration.ZERO, Duration.ZERO, 100,
                Duration.ofSeconds(30)), P0);

        harness.add(P0, 0, withTiers("req-1", "mock-error-500", "mock-error-502", "mock-echo"));
        runUntilAnswered("req-1");

        AiResponse response = harness.response("req-1");
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.ERROR);
        assertThat(response.getAttempts()).isEqualTo(2);
    }

    @Test
    void aStreamThatBrokeAfterItsFirstByteIsNotRetried() {
        harness = InvokerHarness.stepped(IMMEDIATE, P0);
        Invocation streamed = withTiers("req-1", "mock-stream-error", "mock-echo");
        streamed.getRequest().setStream(true);

        harness.add(P0, 0, streamed);
        runUntilAnswered("req-1");

        AiResponse response = harness.response("req-1");
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.ERROR);
        assertThat(response.getAttempts()).isEqualTo(1);
        assertThat(harness.replies()).extracting(AiReply::getKind).extracting(Enum::name)
                .containsExactly("CHUNK", "CHUNK", "FINAL");
    }

    @Test
    void aStreamThatFailedBeforeItsFirstByteFallsBackAndStreamsTheFallback() {
        harness = InvokerHarness.stepped(IMMEDIATE, P0);
        Invocation streamed = withTiers("req-1", "mock-error-503", "mock-echo");
        streamed.getRequest().setStream(true);

        harness.add(P0, 0, streamed);
        runUntilAnswered("req-1");

        assertThat(harness.response("req-1").getStatus()).isEqualTo(ResponseStatus.SUCCESS);
        assertThat(harness.replies()).extracting(AiReply::getKind).extracting(Enum::name).contains("CHUNK").last()
                .isEqualTo("FINAL");
    }

    @Test
    void aTenantHeldToItsRegionsWhoseDeploymentsAllFailGetsAClear503() {
        harness = InvokerHarness.stepped(IMMEDIATE, P0);
        Invocation resident = Invocation.newBuilder(withTiers("req-1", "mock-error-502"))
                .setAllowedRegions(List.of("eu")).build();

        harness.add(P0, 0, resident);
        harness.add(P0, 1, Invocation.newBuilder(withTiers("req-2", "mock-error-400"))
                .setAllowedRegions(List.of("eu")).build());
        runUntilAnswered("req-1");
        runUntilAnswered("req-2");

        AiResponse response = harness.response("req-1");
        assertThat(response.getError().getHttpStatus()).isEqualTo(503);
        assertThat(response.getError().getCode()).isEqualTo("region_unavailable");
        assertThat(response.getError().getMessage()).contains("permitted regions (eu)");
        assertThat(harness.response("req-2").getError().getHttpStatus()).as("the caller's error stays its own")
                .isEqualTo(400);
    }
}
