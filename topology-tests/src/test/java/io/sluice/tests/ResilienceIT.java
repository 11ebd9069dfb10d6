package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.CircuitState;
import io.sluice.avro.DeploymentHealth;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults through the real pipeline: rate limits waited out, failures retried and fallen back from,
 * a circuit that opens and recovers (and says so on the {@code deployments} topic), regions down
 * with and without data residency, and requesters who hang up mid-stream.
 */
@ExtendWith(SharedKafkaExtension.class)
class ResilienceIT {
    static final String KEY = "sk-test-resilience-0123456789";
    static final String BANK_KEY = "sk-test-eu-bank-0123456789";
    static final String UPSTREAM_KEY = "sk-upstream-resilience-42";
    private static final ObjectMapper JSON = new ObjectMapper();

    static StubOpenAiServer circuitUpstream;
    static StubOpenAiServer euUpstream;
    static StubOpenAiServer streamUpstream;
    static StubOpenAiServer sharedUpstream;
    static RunningSluice sluice;

    @BeforeAll
    static void start(SharedKafka kafka) {
        circuitUpstream = new StubOpenAiServer("guarded answer");
        euUpstream = new StubOpenAiServer("served in the eu");
        streamUpstream = new StubOpenAiServer("a long streamed answer");
        sharedUpstream = new StubOpenAiServer("shared answer");
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                invoker:
                  retry:
                    max-attempts: 4
                    initial-backoff: 10ms
                    max-backoff: 50ms
                    max-retry-after: 2s
                  circuit:
                    failure-threshold: 3
                    open-for: 2s
                tenants:
                  - id: acme
                    keys:
                      - id: acme-web
                        app: web
                        secret: ${KEY}
                  - id: eu-bank
                    regions: [eu]
                    keys:
                      - id: bank-web
                        app: web
                        secret: ${BANK_KEY}
                deployments:
                  - name: mock-us
                    provider: mock
                    region: us
                    options:
                      retry-after-ms: "300"
                      stream-chunk-delay-ms: "50"
                  - name: slow-eu
                    provider: mock
                    region: eu
                    timeout: 300ms
                    options:
                      slow-delay-ms: "5000"
                  - name: guarded
                    provider: openai
                    base-url: %s
                    api-key: ${UPSTREAM_KEY}
                    region: us
                  - name: openai-eu
                    provider: openai
                    base-url: %s
                    api-key: ${UPSTREAM_KEY}
                    region: eu
                  - name: shared-guard
                    provider: openai
                    base-url: %s
                    api-key: ${UPSTREAM_KEY}
                    region: us
                  - name: streamer
                    provider: openai
                    base-url: %s
                    api-key: ${UPSTREAM_KEY}
                    region: us
                models:
                  - name: flaky-429
                    deployment: mock-us
                    upstream-model: mock-flaky-429
                  - name: broken
                    deployment: mock-us
                    upstream-model: mock-error-500
                    fallbacks: [backup]
                  - name: backup
                    deployment: mock-us
                    upstream-model: mock-echo
                  - name: slowpoke
                    deployment: slow-eu
                    upstream-model: mock-slow
                    fallbacks: [backup]
                  - name: guarded-model
                    deployment: guarded
                    upstream-model: gpt-4o
                  - name: regional
                    deployment: openai-eu
                    upstream-model: gpt-4o
                    fallbacks: [backup]
                    aliases: [regional-latest]
                  - name: stall
                    deployment: mock-us
                    upstream-model: mock-stall
                  - name: streamed
                    deployment: streamer
                    upstream-model: gpt-4o
                  - name: shared-model
                    deployment: shared-guard
                    upstream-model: gpt-4o
                """.formatted(SharedKafka.newPrefix("resilience"), circuitUpstream.baseUrl(), euUpstream.baseUrl(),
                sharedUpstream.baseUrl(), streamUpstream.baseUrl());
        sluice = RunningSluice.start(kafka, yaml, Map.of("KEY", KEY, "BANK_KEY", BANK_KEY, "UPSTREAM_KEY", UPSTREAM_KEY));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
        for (StubOpenAiServer stub : new StubOpenAiServer[] {circuitUpstream, euUpstream, streamUpstream, sharedUpstream}) {
            if (stub != null) {
                stub.close();
            }
        }
    }

    private static HttpResponse<String> chat(String key, String model, String text) {
        return sluice.post("/v1/chat/completions", key, "application/json",
                "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]}");
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("x-request-id").orElseThrow();
    }

    private static List<AuditEvent> audit(String requestId, int atLeast) {
        var topic = sluice.runtime().topics().audit();
        return sluice.readTopic(topic.name(), topic.valueSerde().deserializer(),
                event -> event.getRequestId().equals(requestId), events -> events.size() >= atLeast,
                Duration.ofSeconds(20));
    }

    private static AiResponse response(String requestId) {
        var topic = sluice.runtime().topics().responses();
        List<AiResponse> found = sluice.readTopic(topic.name(), topic.valueSerde().deserializer(),
                response -> response.getRequestId().equals(requestId), responses -> !responses.isEmpty(),
                Duration.ofSeconds(20));
        assertThat(found).as("one response for " + requestId).hasSize(1);
        return found.get(0);
    }

    @Test
    void aRateLimitIsWaitedOutAndTheRetryAnswers() throws Exception {
        HttpResponse<String> response = chat(KEY, "flaky-429", "patience pays");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo("patience pays");
        List<AuditEvent> events = audit(requestId(response), 4);
        assertThat(events).extracting(AuditEvent::getAction).contains(AuditAction.RETRIED);
        AuditEvent retried = events.stream().filter(e -> e.getAction() == AuditAction.RETRIED).findFirst().orElseThrow();
        assertThat(retried.getHttpStatus()).isEqualTo(429);
        assertThat(Long.parseLong(retried.getDetails().get("waitedMs"))).as("Retry-After honoured").isGreaterThanOrEqualTo(300);
        assertThat(response(requestId(response)).getAttempts()).isEqualTo(2);
    }

    @Test
    void aServerErrorFallsBackToTheNextModelOfTheChain() throws Exception {
        HttpResponse<String> response = chat(KEY, "broken", "plan b");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo("plan b");
        assertThat(json(response).path("model").asText()).as("the client's model name").isEqualTo("broken");
        assertThat(audit(requestId(response), 5)).extracting(AuditEvent::getAction)
                .contains(AuditAction.RETRIED, AuditAction.FELL_BACK);
        AiResponse recorded = response(requestId(response));
        assertThat(recorded.getAttempts()).isEqualTo(3);
        assertThat(recorded.getResponseModel()).isEqualTo("mock-echo");
    }

    @Test
    void aTimeoutFallsBackToTheNextModelOfTheChain() throws Exception {
        HttpResponse<String> response = chat(KEY, "slowpoke", "too slow");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/choices/0/message/content").asText()).isEqualTo("too slow");
        AuditEvent fellBack = audit(requestId(response), 5).stream()
                .filter(e -> e.getAction() == AuditAction.FELL_BACK).findFirst().orElseThrow();
        assertThat(fellBack.getReason()).isEqualTo("timeout");
        assertThat(fellBack.getDetails()).containsEntry("failedDeployment", "slow-eu");
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresTellsEveryInvokerAndRecoversThroughAProbe() throws Exception {
        circuitUpstream.failWith(500);
        assertThat(chat(KEY, "guarded-model", "one").statusCode()).isEqualTo(502);
        assertThat(chat(KEY, "guarded-model", "two").statusCode()).isEqualTo(502);
        int callsWhenOpen = circuitUpstream.received().size();
        assertThat(callsWhenOpen).as("three failures open the circuit; the fourth attempt is not made").isEqualTo(3);

        HttpResponse<String> refused = chat(KEY, "guarded-model", "three");

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("no_deployment_available");
        assertThat(circuitUpstream.received()).as("an open circuit keeps calls away").hasSize(callsWhenOpen);

        circuitUpstream.failWith(0);
        TimeUnit.MILLISECONDS.sleep(2_100);
        HttpResponse<String> probed = chat(KEY, "guarded-model", "four");

        assertThat(probed.statusCode()).isEqualTo(200);
        assertThat(json(probed).at("/choices/0/message/content").asText()).isEqualTo("guarded answer");
        var topic = sluice.runtime().topics().deployments();
        List<DeploymentHealth> states = sluice.readTopic(topic.name(), topic.valueSerde().deserializer(),
                health -> health.getDeployment().equals("guarded"), found -> found.size() >= 2, Duration.ofSeconds(20));
        assertThat(states).extracting(DeploymentHealth::getState).containsExactly(CircuitState.OPEN, CircuitState.CLOSED);
        assertThat(states.get(0).getReason()).isEqualTo("server_error 500");
    }

    @Test
    void aCircuitAnotherInvokerOpenedKeepsThisOneAwayUntilItIsClosedAgain() throws Exception {
        publish(CircuitState.OPEN, java.time.Instant.now().plusSeconds(60));
        assertThat(chatUntil("shared-model", 503).statusCode()).isEqualTo(503);
        int calls = sharedUpstream.received().size();

        assertThat(chat(KEY, "shared-model", "still open?").statusCode()).isEqualTo(503);
        assertThat(sharedUpstream.received()).as("no call while another invoker says open").hasSize(calls);

        publish(CircuitState.CLOSED, null);
        assertThat(chatUntil("shared-model", 200).statusCode()).isEqualTo(200);
    }

    /** Asks {@code model} until it answers {@code status} (the feed applies records asynchronously), for up to 10 s. */
    private static HttpResponse<String> chatUntil(String model, int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        HttpResponse<String> response = chat(KEY, model, "until " + status);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
            response = chat(KEY, model, "until " + status);
        }
        return response;
    }

    /** Writes a circuit state to the deployments topic as another invoker instance would. */
    private static void publish(CircuitState state, java.time.Instant openUntil) throws Exception {
        var topic = sluice.runtime().topics().deployments();
        Map<String, Object> props = Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                sluice.runtime().bootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(props,
                new org.apache.kafka.common.serialization.StringSerializer(), topic.valueSerde().serializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic.name(), "shared-guard",
                    DeploymentHealth.newBuilder().setDeployment("shared-guard").setState(state).setOpenUntil(openUntil)
                            .setConsecutiveFailures(5).setReason("server_error 500").setInstance("another-invoker")
                            .setDecidedAt(java.time.Instant.now()).build())).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void whenItsRegionIsDownAResidentTenantGetsAClear503AndOthersFailOverToAnotherRegion() throws Exception {
        euUpstream.failWith(503);

        HttpResponse<String> resident = chat(BANK_KEY, "regional", "stay in the eu");
        HttpResponse<String> unrestricted = chat(KEY, "regional-latest", "anywhere is fine");

        assertThat(resident.statusCode()).isEqualTo(503);
        assertThat(json(resident).at("/error/code").asText()).isEqualTo("region_unavailable");
        assertThat(json(resident).at("/error/message").asText()).contains("(eu)");
        assertThat(response(requestId(resident)).getDeployment()).as("never left the eu").isEqualTo("openai-eu");
        assertThat(unrestricted.statusCode()).isEqualTo(200);
        assertThat(unrestricted.headers().firstValue("x-sluice-deployment")).hasValue("mock-us");
        assertThat(json(unrestricted).at("/choices/0/message/content").asText()).isEqualTo("anywhere is fine");

        HttpResponse<String> elsewhereOnly = chat(BANK_KEY, "backup", "us only");
        assertThat(elsewhereOnly.statusCode()).isEqualTo(403);
        assertThat(json(elsewhereOnly).at("/error/code").asText()).isEqualTo("region_not_allowed");
        euUpstream.failWith(0);
    }

    @Test
    void aClientThatHangsUpMidStreamCancelsTheCallAndTheTokensUsedAreStillRecorded() throws Exception {
        String requestId = hangUpAfterFirstChunk("stall");

        AiResponse recorded = response(requestId);
        assertThat(recorded.getError().getHttpStatus()).isEqualTo(499);
        assertThat(recorded.getUsage().getEstimated()).isTrue();
        assertThat(recorded.getUsage().getCompletionTokens()).isPositive();
        assertThat(recorded.getUsage().getPromptTokens()).isPositive();
        List<AuditEvent> events = audit(requestId, 4);
        assertThat(events).extracting(AuditEvent::getAction).contains(AuditAction.CANCELLED);
        AuditEvent outcome = events.stream().filter(AuditEvent::getOutcome).findFirst().orElseThrow();
        assertThat(outcome.getHttpStatus()).isEqualTo(499);
        assertThat(outcome.getCompletionTokens()).isEqualTo(recorded.getUsage().getCompletionTokens());
    }

    @Test
    void aClientThatHangsUpMidStreamMakesSluiceHangUpOnTheProvider() throws Exception {
        streamUpstream.pauseBetweenEvents(300);

        String requestId = hangUpAfterFirstChunk("streamed");

        assertThat(response(requestId).getError().getHttpStatus()).isEqualTo(499);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (streamUpstream.abandonedStreams() == 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(streamUpstream.abandonedStreams()).as("the upstream stream was cut off, not read to its end")
                .isEqualTo(1);
    }

    /** Streams {@code model}, reads up to the first content chunk, hangs up; returns the request id. */
    private static String hangUpAfterFirstChunk(String model) throws Exception {
        return sluice.hangUpAfterFirstChunk(KEY, "{\"model\": \"" + model + "\", \"stream\": true, \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"words keep coming one after another\"}]}");
    }
}
