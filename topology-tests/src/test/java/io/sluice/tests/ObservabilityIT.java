package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.app.SluiceCli;
import io.sluice.avro.Alert;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.MetricsRecord;
import io.sluice.schemas.audit.AuditVerifier;
import io.sluice.schemas.topic.Topic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The observer end to end on the real broker: every accepted request has exactly one outcome on
 * the chained audit trail and the trail verifies; {@code sluice audit verify} names a tampered, a
 * deleted and a swapped event in a copy of it; feedback from the caller is chained and counted;
 * the per-minute metrics equal the traffic sent; an error-rate alert is raised and cleared.
 * The components read a clock the test moves forward, so that minutes close without waiting.
 */
@ExtendWith(SharedKafkaExtension.class)
class ObservabilityIT {
    static final String ACME_KEY = "sk-test-observe-acme-0123456789";
    static final String GLOBEX_KEY = "sk-test-observe-globex-0123456789";
    static final int ECHO_REQUESTS = 30;
    static final int FAILING_REQUESTS = 6;
    static final int GLOBEX_REQUESTS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ShiftedClock CLOCK = new ShiftedClock();
    private static RunningSluice sluice;
    private static SharedKafka broker;
    private static String prefix;
    private static final List<String> acmeIds = new ArrayList<>();

    @BeforeAll
    static void start(SharedKafka kafka) throws Exception {
        broker = kafka;
        prefix = SharedKafka.newPrefix("observe");
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                observability:
                  metrics-grace: 1s
                  alerts:
                    error-rate: 0.5
                    min-requests: 5
                    quiet-clear: 2m
                tenants:
                  - id: obs-acme
                    keys:
                      - id: obs-acme-key
                        app: web
                        secret: ${ACME_KEY}
                  - id: obs-globex
                    sanitize:
                      audit-text: true
                    keys:
                      - id: obs-globex-key
                        secret: ${GLOBEX_KEY}
                deployments:
                  - name: mock
                    provider: mock
                    region: local
                models:
                  - name: echo
                    deployment: mock
                    upstream-model: mock-echo
                    price: {input: 1.00, output: 2.00}
                  - name: failing
                    deployment: mock
                    upstream-model: mock-error-400
                """.formatted(prefix);
        sluice = RunningSluice.start(kafka, yaml, Map.of("ACME_KEY", ACME_KEY, "GLOBEX_KEY", GLOBEX_KEY),
                EnumSet.allOf(io.sluice.app.SluiceRuntime.Component.class), CLOCK);
        for (int i = 0; i < ECHO_REQUESTS; i++) {
            HttpResponse<String> ok = ask(ACME_KEY, "echo", "hello " + i);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            acmeIds.add(JSON.readTree(ok.body()).path("id").asText());
        }
        for (int i = 0; i < FAILING_REQUESTS; i++) {
            assertThat(ask(ACME_KEY, "failing", "fail " + i).statusCode()).isGreaterThanOrEqualTo(400);
        }
        for (int i = 0; i < GLOBEX_REQUESTS; i++) {
            assertThat(ask(GLOBEX_KEY, "echo", "hi " + i + ", write to bob.smith@example.com").statusCode())
                    .isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (sluice != null) {
            sluice.close();
        }
    }

    private static HttpResponse<String> ask(String key, String model, String text) {
        return sluice.post("/v1/chat/completions", key, "application/json",
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}");
    }

    @Test
    void everyAcceptedRequestHasExactlyOneOutcomeOnAChainThatVerifies() throws Exception {
        int accepted = ECHO_REQUESTS + FAILING_REQUESTS + GLOBEX_REQUESTS;
        List<AuditEvent> trail = readUntil(sluice.runtime().topics().audit(),
                events -> events.stream().filter(AuditEvent::getOutcome).count() >= accepted);
        Thread.sleep(1_000);
        trail = readUntil(sluice.runtime().topics().audit(), events -> true);

        Map<String, Long> outcomes = trail.stream().filter(AuditEvent::getOutcome)
                .collect(Collectors.groupingBy(AuditEvent::getRequestId, Collectors.counting()));
        assertThat(outcomes).hasSize(accepted);
        assertThat(outcomes.values()).containsOnly(1L);
        assertThat(outcomes.keySet()).containsAll(acmeIds);
        assertThat(trail.stream().map(AuditEvent::getEventId).distinct().count()).isEqualTo(trail.size());

        var verifier = new AuditVerifier();
        trail.forEach(e -> verifier.accept(e, "test"));
        AuditVerifier.Report report = verifier.finish();
        assertThat(report.problems()).isEmpty();
        assertThat(report.heads()).extracting(AuditVerifier.Head::tenantId).containsExactly("obs-acme", "obs-globex");

        var out = new StringWriter();
        assertThat(verify(prefix + "audit", out)).as(out.toString()).isZero();
        assertThat(out.toString()).contains("intact").contains("tenant obs-acme");
    }

    @Test
    void theTrailKeepsTextOnlyForATenantWhosePolicySaysSoAndThenMasked() throws Exception {
        List<AuditEvent> trail = readUntil(sluice.runtime().topics().audit(), events -> events.stream()
                .filter(e -> e.getTenantId().equals("obs-globex") && e.getOutcome()).count() >= GLOBEX_REQUESTS);
        List<AuditEvent> globex = trail.stream().filter(e -> e.getTenantId().equals("obs-globex")).toList();
        assertThat(globex).filteredOn(e -> e.getAction() == AuditAction.ROUTED).hasSize(GLOBEX_REQUESTS)
                .allSatisfy(e -> assertThat(e.getMaskedPrompt()).startsWith("user: hi ").contains(", write to ")
                        .doesNotContain("bob.smith@example.com"));
        assertThat(globex).filteredOn(AuditEvent::getOutcome).allSatisfy(e -> assertThat(e.getMaskedCompletion())
                .isNotBlank().doesNotContain("bob.smith@example.com"));
        assertThat(trail).filteredOn(e -> e.getTenantId().equals("obs-acme"))
                .allSatisfy(e -> {
                    assertThat(e.getMaskedPrompt()).isNull();
                    assertThat(e.getMaskedCompletion()).isNull();
                });
    }

    @Test
    void verifyNamesATamperedADeletedAndASwappedEventInACopyOfTheTrail(@TempDir Path dir) throws Exception {
        List<AuditEvent> acme = readUntil(sluice.runtime().topics().audit(), events -> events.stream()
                .filter(e -> e.getTenantId().equals("obs-acme") && e.getOutcome()).count() >= ECHO_REQUESTS)
                .stream().filter(e -> e.getTenantId().equals("obs-acme")).collect(Collectors.toCollection(ArrayList::new));
        assertThat(acme.size()).isGreaterThan(40);
        AuditEvent tampered = AuditEvent.newBuilder(acme.get(10)).setCostMicros(0L).setReason("nothing to see").build();
        acme.set(10, tampered);
        long deletedSequence = acme.get(20).getSequence();
        acme.remove(20);
        long swappedSequence = acme.get(31).getSequence();
        Collections.swap(acme, 30, 31);

        String copy = prefix + "audit-copy";
        io.sluice.app.kafka.TopicAdmin.ensureTopics(broker.clientProps(), List.of(
                new io.sluice.schemas.topic.TopicSpec(copy, false, Map.of())), 1, (short) 1, 0, Duration.ofSeconds(30));
        Topic<String, AuditEvent> audit = sluice.runtime().topics().audit();
        Map<String, Object> props = new HashMap<>(broker.clientProps());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, audit.keySerde().serializer(), audit.valueSerde().serializer())) {
            for (AuditEvent event : acme) {
                producer.send(new ProducerRecord<>(copy, event.getTenantId(), event)).get();
            }
        }

        var out = new StringWriter();
        int exit = verify(copy, out);
        assertThat(exit).as(out.toString()).isEqualTo(1);
        assertThat(out.toString())
                .contains("ALTERED tenant=obs-acme sequence=" + tampered.getSequence())
                .contains("DROPPED tenant=obs-acme sequence=" + deletedSequence)
                .contains("REORDERED tenant=obs-acme sequence=" + (swappedSequence - 1))
                .contains("3 problem(s) found");
    }

    @Test
    void feedbackFromTheCallerIsChainedAndAnotherTenantsIsRefused() throws Exception {
        String id = acmeIds.get(0);
        HttpResponse<String> up = sluice.post("/v1/feedback", ACME_KEY, "application/json",
                "{\"request_id\":\"" + id + "\",\"rating\":\"up\",\"comment\":\"great, mail me: ann@example.org\"}");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        HttpResponse<String> foreign = sluice.post("/v1/feedback", GLOBEX_KEY, "application/json",
                "{\"request_id\":\"" + id + "\",\"rating\":\"down\"}");
        assertThat(foreign.statusCode()).isEqualTo(404);

        AuditEvent feedback = readUntil(sluice.runtime().topics().audit(), events -> events.stream()
                .anyMatch(e -> e.getAction() == AuditAction.FEEDBACK)).stream()
                .filter(e -> e.getAction() == AuditAction.FEEDBACK).findFirst().orElseThrow();
        assertThat(feedback.getRequestId()).isEqualTo(id);
        assertThat(feedback.getRequestedModel()).isEqualTo("echo");
        assertThat(feedback.getApiKeyId()).isEqualTo("obs-acme-key");
        assertThat(feedback.getDetails().get("comment")).startsWith("great, mail me: ").doesNotContain("ann@example.org");
        assertThat(feedback.getSequence()).isPositive();
    }

    @Test
    void minutesAreCountedExactlyAndAnErrorRateAlertIsRaisedAndCleared() throws Exception {
        readUntil(sluice.runtime().topics().audit(), events -> events.stream().filter(AuditEvent::getOutcome).count()
                >= ECHO_REQUESTS + FAILING_REQUESTS + GLOBEX_REQUESTS);
        CLOCK.shift(Duration.ofSeconds(70));
        List<MetricsRecord> minutes = readUntil(sluice.runtime().topics().metrics(), records -> sum(records,
                r -> r.getModel().equals("echo") && r.getTenantId().equals("obs-acme"), MetricsRecord::getRequests)
                >= ECHO_REQUESTS && sum(records, r -> r.getModel().equals("failing"), MetricsRecord::getRequests)
                >= FAILING_REQUESTS && sum(records, r -> r.getTenantId().equals("obs-globex"), MetricsRecord::getRequests)
                >= GLOBEX_REQUESTS);
        Map<String, MetricsRecord> latest = new HashMap<>();
        for (MetricsRecord r : minutes) {
            latest.merge(r.getTenantId() + "/" + r.getModel() + "/" + r.getWindowStart(), r,
                    (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
        }
        long acmeEcho = latest.values().stream().filter(r -> r.getTenantId().equals("obs-acme")
                && r.getModel().equals("echo")).mapToLong(MetricsRecord::getRequests).sum();
        long globexEcho = latest.values().stream().filter(r -> r.getTenantId().equals("obs-globex"))
                .mapToLong(MetricsRecord::getRequests).sum();
        long failures = latest.values().stream().filter(r -> r.getModel().equals("failing"))
                .mapToLong(MetricsRecord::getErrors).sum();
        assertThat(acmeEcho).isEqualTo(ECHO_REQUESTS);
        assertThat(globexEcho).isEqualTo(GLOBEX_REQUESTS);
        assertThat(failures).isEqualTo(FAILING_REQUESTS);
        assertThat(latest.values().stream().filter(r -> r.getModel().equals("echo"))
                .mapToLong(MetricsRecord::getCostMicros).sum()).isPositive();
        assertThat(latest.values()).filteredOn(r -> r.getModel().equals("echo") && r.getRequests() > 0)
                .allSatisfy(r -> assertThat(r.getLatencyP95Ms()).isPositive());

        List<Alert> raised = readUntil(sluice.runtime().topics().alerts(), alerts -> alerts.stream()
                .anyMatch(a -> a.getKind().equals("error_rate") && a.getFiring()));
        Alert firing = raised.stream().filter(a -> a.getKind().equals("error_rate")).findFirst().orElseThrow();
        assertThat(firing.getTenantId()).isEqualTo("obs-acme");
        assertThat(firing.getSubject()).isEqualTo("model:failing");

        CLOCK.shift(Duration.ofMinutes(3));
        List<Alert> all = readUntil(sluice.runtime().topics().alerts(), alerts -> alerts.stream()
                .anyMatch(a -> a.getKind().equals("error_rate") && !a.getFiring()));
        assertThat(all).filteredOn(a -> a.getKind().equals("error_rate")).extracting(Alert::getFiring)
                .containsExactly(true, false);
    }

    private static long sum(List<MetricsRecord> records, Predicate<MetricsRecord> which,
            java.util.function.ToLongFunction<MetricsRecord> value) {
        Map<String, MetricsRecord> latest = new HashMap<>();
        for (MetricsRecord r : records) {
            if (which.test(r)) {
                latest.merge(r.getTenantId() + "/" + r.getModel() + "/" + r.getWindowStart(), r,
                        (a, b) -> a.getRevision() >= b.getRevision() ? a : b);
            }
        }
        return latest.values().stream().mapToLong(value).sum();
    }

    private int verify(String topic, StringWriter out) throws Exception {
        Path config = Files.createTempFile("observe", ".yaml");
        Files.writeString(config, "kafka:\n  topic-prefix: \"" + prefix + "\"\n");
        var err = new StringWriter();
        int exit = new CommandLine(new SluiceCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(
                "audit", "verify", "--config", config.toString(), "--bootstrap-servers", broker.bootstrapServers(),
                "--topic", topic, "--timeout", "60");
        out.append(err.toString());
        return exit;
    }

    /** Reads the whole topic again and again until {@code done} holds for what was read (at most 60 s). */
    private static <V> List<V> readUntil(Topic<String, V> topic, Predicate<List<V>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> props = new HashMap<>(broker.clientProps());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        while (true) {
            List<V> values = new ArrayList<>();
            try (var consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                    topic.valueSerde().deserializer())) {
                var partitions = consumer.partitionsFor(topic.name()).stream()
                        .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                }
            }
            if (done.test(values)) {
                return values;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting on " + topic.name() + " with " + values.size() + " records");
            }
            Thread.sleep(250);
        }
    }

    /** The system clock plus an offset the test moves forward, read by every component. */
    static final class ShiftedClock extends Clock {
        private final AtomicLong offsetMillis = new AtomicLong();

        void shift(Duration by) {
            offsetMillis.addAndGet(by.toMillis());
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
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public long millis() {
            return System.currentTimeMillis() + offsetMillis.get();
        }
    }
}
