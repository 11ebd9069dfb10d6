package io.sluice.processors.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.Alert;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.CircuitState;
import io.sluice.avro.DeploymentHealth;
import io.sluice.avro.MetricsRecord;
import io.sluice.schemas.audit.AuditVerifier;
import io.sluice.schemas.registry.InMemorySchemaStore;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import io.sluice.tests.GoldenFiles;
import io.sluice.tests.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObserverTopologyTest {
    /** The start of a minute. */
    private static final Instant M = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final TestClock clock = new TestClock(M);
    private final Topics topics = new Topics("sluice.", new InMemorySchemaStore());
    private final AlertRules rules = new AlertRules(1_000, 0.8, 0.5, 0.5, 5, 3.0, 1.5, 50_000, Duration.ofMinutes(3), 3,
            Duration.ofMinutes(10));
    private TopologyTestDriver driver;
    private TestInputTopic<String, AuditEvent> raw;
    private TestInputTopic<String, DeploymentHealth> deployments;
    private TestOutputTopic<String, AuditEvent> audit;
    private TestOutputTopic<String, MetricsRecord> metrics;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void start() {
        var settings = new ObserverSettings("observer-test", Duration.ofHours(1), GRACE, Duration.ofHours(1), rules);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "observer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ObserverTopology.build(settings, topics, clock), props, M);
        raw = input(topics.auditRaw());
        deployments = input(topics.deployments());
        audit = output(topics.audit());
        metrics = output(topics.metrics());
        alerts = output(topics.alerts());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void eachEventIsChainedOncePerTenantAndTheTrailVerifies() {
        AuditEvent accepted = event("acme", "r1", AuditAction.ACCEPTED, false, M).build();
        raw.pipeInput("acme", accepted);
        raw.pipeInput("acme", outcome("acme", "r1", 200, 120, M).build());
        raw.pipeInput("globex", event("globex", "g1", AuditAction.ACCEPTED, false, M).build());
        raw.pipeInput("acme", accepted);
        raw.pipeInput("acme", event("acme", "r1", AuditAction.SETTLED, false, M).build());

        List<AuditEvent> chained = audit.readValuesToList();
        assertThat(chained).extracting(AuditEvent::getEventId)
                .containsExactly("r1:ACCEPTED", "r1:RESPONDED", "g1:ACCEPTED", "r1:SETTLED");
        assertThat(chained).extracting(AuditEvent::getSequence).containsExactly(1L, 2L, 1L, 3L);
        assertThat(chained.get(1).getPreviousHash()).isEqualTo(chained.get(0).getHash());
        var verifier = new AuditVerifier();
        chained.forEach(e -> verifier.accept(e, "test"));
        assertThat(verifier.finish().problems()).isEmpty();
    }

    @Test
    void aSecondOutcomeOfARequestIsKeptButNotCountedAsAnOutcome() {
        raw.pipeInput("acme", outcome("acme", "r1", 200, 100, M).build());
        raw.pipeInput("acme", event("acme", "r1", AuditAction.REJECTED, true, M).setHttpStatus(429).build());

        List<AuditEvent> chained = audit.readValuesToList();
        assertThat(chained).extracting(AuditEvent::getOutcome).containsExactly(true, false);
        assertThat(chained.get(1).getDetails()).containsEntry("superseded", "true");
    }

    @Test
    void personalDataInAFeedbackCommentIsMaskedBeforeItIsChained() {
        raw.pipeInput("acme", feedback("acme", "r1", "down", "wrong, write to jane.doe@example.com", M).build());
        AuditEvent chained = audit.readValue();
        assertThat(chained.getDetails().get("comment")).doesNotContain("jane.doe@example.com").contains("wrong, write to");
    }

    @Test
    void aMinuteIsPublishedAfterItsGraceAndALateEventRevisesIt() {
        for (int latency : new int[] {100, 200, 300, 400}) {
            raw.pipeInput("acme", outcome("acme", "r" + latency, 200, latency, M.plusSeconds(latency / 10)).build());
        }
        raw.pipeInput("acme", outcome("acme", "e1", 502, 50, M.plusSeconds(30)).setDetails(Map.of("errorCode",
                "upstream_error")).build());
        raw.pipeInput("acme", event("acme", "c1", AuditAction.CACHE_HIT, true, M.plusSeconds(31)).setHttpStatus(200)
                .setLatencyMs(2L).setCache("hit").setServedModel("gpt-4o").setDetails(Map.of("savedMicros", "700")).build());
        raw.pipeInput("acme", event("acme", "j1", AuditAction.REJECTED, true, M.plusSeconds(32)).setHttpStatus(429)
                .setReason("rate_limit_exceeded").build());
        raw.pipeInput("acme", event("acme", "r100", AuditAction.SANITIZED, false, M.plusSeconds(33)).build());
        raw.pipeInput("acme", feedback("acme", "r100", "up", null, M.plusSeconds(40)).build());
        raw.pipeInput("acme", feedback("acme", "r200", "down", null, M.plusSeconds(41)).build());

        advance(Duration.ofSeconds(65));
        assertThat(metrics.isEmpty()).as("not before the grace period ends").isTrue();
        advance(Duration.ofSeconds(10));
        MetricsRecord minute = metrics.readValue();
        assertThat(minute.getTenantId()).isEqualTo("acme");
        assertThat(minute.getModel()).isEqualTo("gpt-4o");
        assertThat(minute.getWindowStart()).isEqualTo(M);
        assertThat(minute.getRevision()).isEqualTo(1);
        assertThat(minute.getRequests()).isEqualTo(7);
        assertThat(minute.getSuccesses()).isEqualTo(5);
        assertThat(minute.getErrors()).isEqualTo(1);
        assertThat(minute.getRejections()).isEqualTo(1);
        assertThat(minute.getErrorsByType()).containsEntry("upstream_error", 1L).containsEntry("rate_limit_exceeded", 1L);
        assertThat(minute.getLatencyP50Ms()).isCloseTo(200, org.assertj.core.api.Assertions.within(2.0));
        assertThat(minute.getLatencyP99Ms()).isCloseTo(400, org.assertj.core.api.Assertions.within(4.0));
        assertThat(minute.getCacheHits()).isEqualTo(1);
        assertThat(minute.getCacheMisses()).isEqualTo(4);
        assertThat(minute.getCacheHitRate()).isEqualTo(0.2);
        assertThat(minute.getSavedCostMicros()).isEqualTo(700);
        assertThat(minute.getCostMicros()).isEqualTo(4 * 100);
        assertThat(minute.getPromptTokens()).isEqualTo(4 * 10);
        assertThat(minute.getFeedbackPositive()).isEqualTo(1);
        assertThat(minute.getFeedbackNegative()).isEqualTo(1);
        assertThat(minute.getFeedbackRatio()).isEqualTo(0.5);
        assertThat(minute.getSanitizerFlagged()).isEqualTo(1);
        assertThat(metrics.isEmpty()).isTrue();

        raw.pipeInput("acme", outcome("acme", "late", 200, 1_000, M.plusSeconds(59)).build());
        advance(Duration.ofSeconds(1));
        MetricsRecord revised = metrics.readValue();
        assertThat(revised.getRevision()).isEqualTo(2);
        assertThat(revised.getRequests()).isEqualTo(8);
        assertThat(revised.getLatency().getCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
    }

    @Test
    void anErrorRateAlertFiresOnceAndClearsOnce() {
        minuteOfTraffic(M, 10, 8, 100);
        minuteOfTraffic(M.plusSeconds(60), 10, 7, 100);
        minuteOfTraffic(M.plusSeconds(120), 10, 0, 100);
        advance(Duration.ofSeconds(3 * 60 + 15));
        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).filteredOn(a -> a.getKind().equals(Alerting.ERRORS))
                .extracting(Alert::getFiring, Alert::getSubject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, "model:gpt-4o"),
                        org.assertj.core.groups.Tuple.tuple(false, "model:gpt-4o"));
        assertThat(raised.get(1).getAlertId()).isEqualTo(raised.get(0).getAlertId() + ":cleared");
    }

    @Test
    void aSlowMinuteFiresTheLatencyAlertAndQuietClearsIt() {
        minuteOfTraffic(M, 6, 0, 3_000);
        advance(Duration.ofSeconds(75));
        assertThat(alerts.readValue()).satisfies(a -> {
            assertThat(a.getKind()).isEqualTo(Alerting.LATENCY);
            assertThat(a.getFiring()).isTrue();
        });
        advance(Duration.ofMinutes(11));
        assertThat(alerts.readValuesToList()).extracting(Alert::getKind, Alert::getFiring)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Alerting.LATENCY, false));
    }

    @Test
    void spendFarAboveTheTrailingBaselineIsACostAnomalyUntilItReturns() {
        for (int minute = 0; minute < 4; minute++) {
            minuteOfTraffic(M.plusSeconds(60L * minute), 1, 0, 100);
        }
        Instant spike = M.plusSeconds(240);
        raw.pipeInput("acme", outcome("acme", "big", 200, 100, spike).setCostMicros(200_000L).build());
        minuteOfTraffic(M.plusSeconds(300), 1, 0, 100);
        advance(Duration.ofMinutes(7));
        assertThat(alerts.readValuesToList()).filteredOn(a -> a.getKind().equals(Alerting.COST))
                .extracting(Alert::getFiring, a -> a.getDetails().get("spendMicros"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(true, "200000"),
                        org.assertj.core.groups.Tuple.tuple(false, "100"));
    }

    @Test
    void anOpenCircuitAlertsTheDeploymentOnceAndClearsWhenItCloses() {
        deployments.pipeInput("openai-us", health("openai-us", CircuitState.OPEN, M));
        deployments.pipeInput("openai-us", health("openai-us", CircuitState.OPEN, M.plusSeconds(1)));
        deployments.pipeInput("openai-us", health("openai-us", CircuitState.HALF_OPEN, M.plusSeconds(30)));
        deployments.pipeInput("openai-us", health("openai-us", CircuitState.CLOSED, M.plusSeconds(31)));
        List<Alert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(Alert::getKind, Alert::getFiring, Alert::getTenantId, Alert::getSubject)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("circuit_open", true, "_platform", "deployment:openai-us"),
                        org.assertj.core.groups.Tuple.tuple("circuit_open", false, "_platform", "deployment:openai-us"));
    }

    /** Every processor, store and sink of the observer is named; see {@link GoldenFiles}. */
    @Test
    void topologyDescriptionMatchesTheGoldenCopy() throws java.io.IOException {
        var settings = new ObserverSettings("observer-test", Duration.ofHours(1), GRACE, Duration.ofHours(1), rules);
        GoldenFiles.assertMatches("observer-topology.txt",
                ObserverTopology.build(settings, topics, clock).describe().toString());
    }

    private void minuteOfTraffic(Instant start, int requests, int errors, int latencyMs) {
        for (int i = 0; i < requests; i++) {
            String id = "m" + start.getEpochSecond() + "-" + i;
            raw.pipeInput("acme", outcome("acme", id, i < errors ? 500 : 200, latencyMs, start.plusSeconds(i)).build());
        }
    }

    private void advance(Duration by) {
        for (long s = 0; s < by.toSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
    }

    private static AuditEvent.Builder event(String tenant, String requestId, AuditAction action, boolean outcome,
            Instant at) {
        return AuditEvent.newBuilder()
                .setEventId(requestId + ":" + action.name())
                .setRequestId(requestId)
                .setTenantId(tenant)
                .setStage("test")
                .setAction(action)
                .setOutcome(outcome)
                .setRequestedModel("gpt-4o")
                .setTimestamp(at);
    }

    private static AuditEvent.Builder outcome(String tenant, String requestId, int status, long latencyMs, Instant at) {
        return event(tenant, requestId, AuditAction.RESPONDED, true, at)
                .setResolvedModel("gpt-4o-2024-08-06")
                .setServedModel("gpt-4o")
                .setHttpStatus(status)
                .setReason(status == 200 ? null : "server_error")
                .setLatencyMs(latencyMs)
                .setPromptTokens(status == 200 ? 10 : null)
                .setCompletionTokens(status == 200 ? 5 : null)
                .setCostMicros(status == 200 ? 100L : 0L)
                .setCache(status == 200 ? "miss" : null);
    }

    private static AuditEvent.Builder feedback(String tenant, String requestId, String rating, String comment,
            Instant at) {
        var details = new HashMap<String, String>();
        details.put("rating", rating);
        if (comment != null) {
            details.put("comment", comment);
        }
        return event(tenant, requestId, AuditAction.FEEDBACK, false, at)
                .setEventId(requestId + ":FEEDBACK:" + rating)
                .setDetails(details);
    }

    private static DeploymentHealth health(String deployment, CircuitState state, Instant at) {
        return DeploymentHealth.newBuilder().setDeployment(deployment).setState(state).setInstance("invoker-1")
                .setDecidedAt(at).setReason(state == CircuitState.OPEN ? "server_error 503" : null).build();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }
}
