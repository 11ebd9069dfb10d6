package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.kafka.TopicAdmin;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.CostGranularity;
import io.sluice.avro.CostRecord;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Timings;
import io.sluice.avro.Usage;
import io.sluice.schemas.registry.KafkaSchemaLog;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.TopicSpec;
import io.sluice.schemas.topic.Topics;
import io.sluice.sinks.postgres.PostgresSink;
import io.sluice.sinks.postgres.PostgresSinkConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PostgreSQL sink against a real broker and a real PostgreSQL: exact rows, replays and aborted
 * transactions ignored, and no loss or duplicate across a restart in the middle of a stream or
 * while the database keeps dropping the sink's connections.
 */
@ExtendWith(SharedKafkaExtension.class)
class PostgresSinkIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    private TestPostgres pg;
    private KafkaSchemaLog schemaLog;
    private Topics topics;
    private SharedKafka kafka;
    private final List<PostgresSink> sinks = new ArrayList<>();

    @BeforeEach
    void topicsAndSchema(SharedKafka kafka) throws Exception {
        this.kafka = kafka;
        pg = TestPostgres.start();
        String prefix = SharedKafka.newPrefix("pgsink");
        TopicAdmin.ensureTopics(kafka.clientProps(), List.of(new TopicSpec(Topics.schemasTopic(prefix), true, Map.of()),
                new TopicSpec(prefix + "audit", false, Map.of()), new TopicSpec(prefix + "responses", false, Map.of()),
                new TopicSpec(prefix + "costs", false, Map.of())), 3, (short) 1, 0, TIMEOUT);
        schemaLog = KafkaSchemaLog.open(kafka.clientProps(), Topics.schemasTopic(prefix), TIMEOUT);
        topics = new Topics(prefix, schemaLog.store());
        topics.registerSchemas();
    }

    @AfterEach
    void close() throws Exception {
        sinks.forEach(PostgresSink::close);
        if (schemaLog != null) {
            schemaLog.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void landsExactRowsOnceAcrossARestartInTheMiddleOfTheStream() throws Exception {
        // given a sink running while requests 0..199 are produced in chunks, with replays of some
        // audit events and responses, cost revisions, and an aborted transaction
        String app = "sluice-it-restart";
        startSink(app);
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produceRequests(0, 200, 10));

        // when the sink is closed once some rows have landed, while records keep coming, and started again
        awaitCount("audit_events", n -> n > 0);
        sinks.remove(0).close();
        long landedBeforeRestart = count("audit_events");
        producing.get();
        Map<TopicPartition, Long> endOfCommittedRecords = endOffsets();
        sendAborted(List.of(audit(9_999), response(9_999)));
        startSink(app);

        // then every record is in the database exactly once
        awaitCount("audit_events", n -> n == 200);
        awaitCount("responses", n -> n == 200);
        // and the stored positions reach the last committed record of each partition, not the aborted ones
        awaitStoredOffsets(endOfCommittedRecords);
        assertThat(landedBeforeRestart).isBetween(1L, 200L);
        assertExactRows(200);
    }

    @Test
    void losesAndDoublesNothingWhileTheDatabaseKeepsDroppingItsConnections() throws Exception {
        // given a running sink
        String app = "sluice-it-outage";
        startSink(app);
        produceRequests(0, 20, 20);
        awaitCount("responses", n -> n == 20);

        // when records arrive while the database terminates the sink's backends again and again
        var killing = new AtomicBoolean(true);
        var terminated = new AtomicInteger();
        CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
            while (killing.get()) {
                try {
                    terminated.addAndGet(pg.terminate(app));
                    Thread.sleep(150);
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        produceRequests(20, 200, 10);
        killing.set(false);
        killer.get();

        // then after recovery every record is there once, and the outage did happen
        awaitCount("audit_events", n -> n == 200);
        awaitCount("responses", n -> n == 200);
        assertThat(terminated.get()).isPositive();
        awaitStoredOffsets(endOffsets());
        assertThat(sinks.get(0).failure()).isEmpty();
        assertExactRows(200);
    }

    @Test
    void theAuditTrailVerifiesFromTheDatabaseAndAnEditedAndADeletedRowAreNamed() throws Exception {
        // given a hash-chained trail of 30 events landed by the sink
        startSink("sluice-it-chain");
        String previous = null;
        try (var producer = producer(null)) {
            for (int i = 1; i <= 30; i++) {
                AuditEvent event = AuditEvent.newBuilder(audit(i)).setTenantId("chain").setSequence(i)
                        .setPreviousHash(previous).setCache(i % 2 == 0 ? "miss" : null)
                        .setFindings(Map.of("pii.email", i)).setReceivedAt(T0).build();
                event.setHash(io.sluice.schemas.audit.AuditHashes.hash(event, previous));
                previous = event.getHash();
                send(producer, topics.audit(), "chain", event);
            }
        }
        awaitCount("audit_events", n -> n == 30);

        // when it is verified from the table, then again after one row is edited and one deleted
        var intact = new java.io.StringWriter();
        int intactExit = verifyDatabase(intact);
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("update audit_events set cost_micros = 0 where tenant_id = 'chain' and sequence = 7");
            st.executeUpdate("delete from audit_events where tenant_id = 'chain' and sequence = 19");
        }
        var tampered = new java.io.StringWriter();
        int tamperedExit = verifyDatabase(tampered);

        // then the untouched table is intact, and the edit and the deletion are each named
        assertThat(intactExit).as(intact.toString()).isZero();
        assertThat(intact.toString()).contains("tenant chain: 30 events, head sequence 30").contains("intact");
        assertThat(tamperedExit).as(tampered.toString()).isEqualTo(1);
        assertThat(tampered.toString()).contains("ALTERED tenant=chain sequence=7")
                .contains("DROPPED tenant=chain sequence=19").contains("2 problem(s) found");
    }

    private int verifyDatabase(java.io.StringWriter out) {
        var err = new java.io.StringWriter();
        int exit = new picocli.CommandLine(new io.sluice.app.SluiceCli()).setOut(new java.io.PrintWriter(out))
                .setErr(new java.io.PrintWriter(err)).execute("audit", "verify", "--jdbc-url", pg.url("sluice-verify"));
        out.append(err.toString());
        return exit;
    }

    private void startSink(String applicationName) throws SQLException {
        var config = new PostgresSinkConfig(pg.url(applicationName), null, null, Duration.ofMillis(100),
                Duration.ofMillis(50), Duration.ofMillis(500));
        sinks.add(PostgresSink.start(config, topics, kafka.clientProps(), Clock.systemUTC()));
    }

    /**
     * Requests {@code from..to-1} in chunks: an audit event and a response each, every fifth audit
     * event and every tenth response sent twice, and per chunk a new revision of each tenant's daily
     * and hourly cost aggregate followed by a stale replay of revision 1.
     */
    private void produceRequests(int from, int to, int chunk) {
        try (var producer = producer(null)) {
            for (int start = from; start < to; start += chunk) {
                for (int i = start; i < Math.min(to, start + chunk); i++) {
                    send(producer, topics.audit(), tenant(i), audit(i));
                    send(producer, topics.responses(), tenant(i), response(i));
                    if (i % 5 == 0) {
                        send(producer, topics.audit(), tenant(i), audit(i));
                    }
                    if (i % 10 == 0) {
                        send(producer, topics.responses(), tenant(i), response(i));
                    }
                }
                int end = Math.min(to, start + chunk);
                for (int t = 0; t < 3; t++) {
                    for (CostGranularity g : CostGranularity.values()) {
                        send(producer, topics.costs(), "t" + t, cost(g, t, end, end));
                        send(producer, topics.costs(), "t" + t, cost(g, t, 1, 1));
                    }
                }
                producer.flush();
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void assertExactRows(int requests) throws Exception {
        Set<String> expectedEvents = new HashSet<>();
        Set<String> expectedRequests = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            expectedEvents.add("r" + i + ":RESPONDED");
            expectedRequests.add("r" + i);
        }
        try (Connection c = pg.connect(); Statement st = c.createStatement()) {
            assertThat(strings(st, "select event_id from audit_events")).containsExactlyInAnyOrderElementsOf(expectedEvents);
            assertThat(strings(st, "select request_id from responses")).containsExactlyInAnyOrderElementsOf(expectedRequests);
            // one audit row in full
            try (ResultSet rs = st.executeQuery("select request_id, tenant_id, app_id, action, outcome, resolved_model, "
                    + "prompt_tokens, completion_tokens, cost_micros, \"timestamp\", details->>'attempt' "
                    + "from audit_events where event_id = 'r7:RESPONDED'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("r7");
                assertThat(rs.getString(2)).isEqualTo("t1");
                assertThat(rs.getString(3)).isEqualTo("chat");
                assertThat(rs.getString(4)).isEqualTo("RESPONDED");
                assertThat(rs.getBoolean(5)).isTrue();
                assertThat(rs.getString(6)).isEqualTo("mock-echo");
                assertThat(rs.getInt(7)).isEqualTo(17);
                assertThat(rs.getInt(8)).isEqualTo(8);
                assertThat(rs.getLong(9)).isEqualTo(7_001L);
                assertThat(rs.getObject(10, OffsetDateTime.class).toInstant()).isEqualTo(T0.plusSeconds(7));
                assertThat(rs.getString(11)).isEqualTo("1");
            }
            // one response in full, with timings as timestamps
            try (ResultSet rs = st.executeQuery("select status, served_model, prompt_tokens, total_tokens, cost_micros, "
                    + "extract(epoch from completed_at - received_at) * 1000 from responses where request_id = 'r7'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("SUCCESS");
                assertThat(rs.getString(2)).isEqualTo("mock-echo");
                assertThat(rs.getInt(3)).isEqualTo(17);
                assertThat(rs.getInt(4)).isEqualTo(25);
                assertThat(rs.getLong(5)).isEqualTo(7_001L);
                assertThat(rs.getLong(6)).isEqualTo(107L);
            }
            // costs: one row per tenant and period, holding the highest revision despite stale replays
            for (String table : List.of("costs_daily", "costs_hourly")) {
                try (ResultSet rs = st.executeQuery("select tenant_id, revision, requests, cost_micros from " + table
                        + " order by tenant_id")) {
                    for (int t = 0; t < 3; t++) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).isEqualTo("t" + t);
                        assertThat(rs.getLong(2)).isEqualTo(requests);
                        assertThat(rs.getLong(3)).isEqualTo(requests);
                        assertThat(rs.getLong(4)).isEqualTo(requests * 1_000L);
                    }
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    private void awaitStoredOffsets(Map<TopicPartition, Long> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!storedOffsets().equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(storedOffsets()).isEqualTo(expected);
    }

    private Map<TopicPartition, Long> storedOffsets() throws SQLException {
        Map<TopicPartition, Long> stored = new HashMap<>();
        try (Connection c = pg.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select topic, \"partition\", next_offset from sink_offsets")) {
            while (rs.next()) {
                stored.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
            }
        }
        return stored;
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : List.of(topics.audit().name(), topics.responses().name(), topics.costs().name())) {
            for (int p = 0; p < 3; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        try (Admin admin = Admin.create(kafka.clientProps())) {
            admin.listOffsets(latest).all().get().forEach((tp, info) -> {
                if (info.offset() > 0) {
                    ends.put(tp, info.offset());
                }
            });
        }
        return ends;
    }

    private void awaitCount(String table, LongPredicate done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long n = count(table);
        while (!done.test(n)) {
            assertThat(System.nanoTime()).as("rows in %s: %d", table, n).isLessThan(deadline);
            assertThat(sinks.get(sinks.size() - 1).failure()).isEmpty();
            Thread.sleep(100);
            n = count(table);
        }
    }

    private long count(String table) throws SQLException {
        try (Connection c = pg.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private void sendAborted(List<SpecificRecord> records) throws Exception {
        try (var producer = producer("pgsink-aborted-" + System.nanoTime())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (SpecificRecord r : records) {
                if (r instanceof AuditEvent e) {
                    send(producer, topics.audit(), e.getTenantId(), e);
                } else if (r instanceof AiResponse a) {
                    send(producer, topics.responses(), a.getTenantId(), a);
                }
            }
            producer.flush();
            producer.abortTransaction();
        }
    }

    private KafkaProducer<String, byte[]> producer(String transactionalId) {
        Map<String, Object> props = new HashMap<>(kafka.clientProps());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, String key, V value) {
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)));
    }

    private static String tenant(int i) {
        return "t" + (i % 3);
    }

    private static AuditEvent audit(int i) {
        return AuditEvent.newBuilder().setEventId("r" + i + ":RESPONDED").setRequestId("r" + i).setTenantId(tenant(i))
                .setAppId("chat").setStage("invoke").setAction(AuditAction.RESPONDED).setOutcome(true)
                .setRequestedModel("mock").setResolvedModel("mock-echo").setPromptTokens(10 + i).setCompletionTokens(8)
                .setCostMicros(7_000L + i / 7).setTimestamp(T0.plusSeconds(i)).setDetails(Map.of("attempt", "1")).build();
    }

    private static AiResponse response(int i) {
        return AiResponse.newBuilder().setRequestId("r" + i).setTenantId(tenant(i)).setAppId("chat")
                .setStatus(ResponseStatus.SUCCESS).setModel("mock").setServedModel("mock-echo")
                .setCreated(T0.plusSeconds(i).getEpochSecond())
                .setUsage(Usage.newBuilder().setPromptTokens(10 + i).setCompletionTokens(8).setTotalTokens(18 + i).build())
                .setCostMicros(7_000L + i / 7)
                .setTimings(Timings.newBuilder().setReceivedAt(T0.plusSeconds(i))
                        .setCompletedAt(T0.plusSeconds(i).plusMillis(100 + i)).build())
                .build();
    }

    private static CostRecord cost(CostGranularity granularity, int tenant, long revision, long requests) {
        return CostRecord.newBuilder().setTenantId("t" + tenant).setAppId("chat").setModel("mock-echo")
                .setGranularity(granularity).setPeriodStart(granularity == CostGranularity.DAY ? T0.minusSeconds(36_000) : T0)
                .setRevision(revision).setRequests(requests).setCostMicros(revision * 1_000L)
                .setUpdatedAt(T0.plusSeconds(revision)).build();
    }
}
