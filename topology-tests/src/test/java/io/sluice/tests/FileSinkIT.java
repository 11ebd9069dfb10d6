package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.app.kafka.TopicAdmin;
import io.sluice.avro.AiResponse;
import io.sluice.avro.Alert;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Choice;
import io.sluice.avro.CostGranularity;
import io.sluice.avro.CostRecord;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Role;
import io.sluice.avro.Timings;
import io.sluice.avro.Usage;
import io.sluice.schemas.Telemetry;
import io.sluice.schemas.registry.KafkaSchemaLog;
import io.sluice.schemas.registry.SchemaRegistryServer;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.TopicSpec;
import io.sluice.schemas.topic.Topics;
import io.sluice.sinks.files.FileSink;
import io.sluice.sinks.files.FileSinkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The file sink against a real broker: every committed record of every partition in exactly one
 * finished file of its hour, across partitions moving between instances, a clean stop in the
 * middle of the stream, and a {@code kill -9} of a sink process with files half written; records
 * of aborted transactions nowhere; no temporary file left once a sink stops cleanly.
 */
@ExtendWith(SharedKafkaExtension.class)
class FileSinkIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LANDING_TIMEOUT = Duration.ofSeconds(90);
    private static final int REQUESTS = 300;
    private static final int PARTITIONS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Six hours ago, so that every hour the records fall in is over and its files can finish. */
    private static final Instant HOUR0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(6, ChronoUnit.HOURS);

    @TempDir
    Path dir;

    @TempDir
    Path work;

    private SharedKafka kafka;
    private String prefix;
    private KafkaSchemaLog schemaLog;
    private Topics topics;
    private final List<FileSink> sinks = new ArrayList<>();
    private Process process;

    @BeforeEach
    void topicsAndSchemas(SharedKafka kafka) {
        this.kafka = kafka;
        prefix = SharedKafka.newPrefix("filesink");
        List<TopicSpec> specs = new ArrayList<>(List.of(new TopicSpec(Topics.schemasTopic(prefix), true, Map.of())));
        for (String t : List.of("audit", "responses", "costs", "metrics", "alerts")) {
            specs.add(new TopicSpec(prefix + t, false, Map.of()));
        }
        TopicAdmin.ensureTopics(kafka.clientProps(), specs, PARTITIONS, (short) 1, 0, TIMEOUT);
        schemaLog = KafkaSchemaLog.open(kafka.clientProps(), Topics.schemasTopic(prefix), TIMEOUT);
        topics = new Topics(prefix, schemaLog.store());
        topics.registerSchemas();
    }

    @AfterEach
    void close() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        sinks.forEach(FileSink::close);
        if (schemaLog != null) {
            schemaLog.close();
        }
    }

    @Test
    void landsEveryCommittedRecordOnceAcrossRebalancesAStopAndARestart() throws Exception {
        // given sink A alone in its group while requests are produced
        String group = prefix + "sink.files";
        FileSink a = startSink(group);
        CompletableFuture<Void> firstHalf = CompletableFuture.runAsync(() -> produce(0, 100, 5));

        // when sink B joins the group (partitions move from A to B) and A stops in the middle of the
        // stream, which goes on with 100..149 in committed transactions and some records in an aborted one
        await("first files finished", () -> landedLines("audit") >= 20);
        FileSink b = startSink(group);
        await("more files finished", () -> landedLines("audit") >= 50);
        a.close();
        firstHalf.get(LANDING_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        CompletableFuture<Void> secondHalf = CompletableFuture.runAsync(() -> produce(100, 200, 5));
        secondHalf.get(LANDING_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        // and B stops too, requests 200..299 come while no sink runs, and sink C starts
        b.close();
        produce(200, REQUESTS, 20);
        FileSink c = startSink(group);

        // then once the group's positions reach the end of every partition, every record is in exactly one file
        awaitCommittedToTheEnd(group);
        c.close();
        sinks.forEach(s -> assertThat(s.failure()).isEmpty());
        assertExactlyOnceByHour();
        assertOneLineInFull();
    }

    @Test
    void losesAndDoublesNothingWhenASinkProcessIsKilledWithFilesHalfWritten() throws Exception {
        // given a sink process landing records while they are produced
        try (var registry = new SchemaRegistryServer(schemaLog.store(), "127.0.0.1", 0)) {
            registry.start();
            process = startSinkProcess(prefix + "sink.files.killed", registry);
            Path log = work.resolve("sink.log");
            await("sink process started", () -> read(log).contains("Sluice file sink is landing"));
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produce(0, REQUESTS, 2));

            // when it is killed while some files are finished and others still open
            await("finished and unfinished files at once", () -> landedFiles().size() >= 8 && !tempFiles().isEmpty());
            process.destroyForcibly();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            process = null;
            List<Path> leftBehind = tempFiles();
            Path hour0 = Files.createDirectories(dir.resolve(prefix + "audit").resolve(hourDirOf(HOUR0.toString())));
            Path garbage = Files.writeString(hour0.resolve("." + prefix + "audit-p0-00000000000000999999.jsonl.gz.tmp"),
                    "torn write");
            producing.get(LANDING_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            // and a sink of another group, with another size limit (so that re-read records could not
            // land under the names of their earlier files), starts on the same directory: the
            // directory, not the group, says where to resume
            String fresh = prefix + "sink.files.restarted";
            FileSink restarted = startSink(fresh, 3000);
            awaitCommittedToTheEnd(fresh);
            restarted.close();

            // then the crash did leave unfinished files, and none of it shows: every record is in exactly one file
            assertThat(leftBehind).isNotEmpty();
            assertThat(garbage).doesNotExist();
            assertThat(restarted.failure()).isEmpty();
            assertExactlyOnceByHour();
        } finally {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    private FileSink startSink(String group) throws IOException {
        return startSink(group, 4096);
    }

    private FileSink startSink(String group, long maxFileBytes) throws IOException {
        var config = new FileSinkConfig(dir, group, maxFileBytes, 2, Duration.ofMillis(200), Duration.ofMillis(100));
        FileSink sink = FileSink.start(config, topics, kafka.clientProps(), new SimpleMeterRegistry(), Clock.systemUTC());
        sinks.add(sink);
        return sink;
    }

    /** {@code sluice sink files} in a JVM of its own, so that it can be killed without any chance to clean up. */
    private Process startSinkProcess(String group, SchemaRegistryServer registry) throws IOException {
        Path config = Files.writeString(work.resolve("sluice.yaml"), "kafka:\n  topic-prefix: " + prefix + "\n");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.sluice.app.SluiceCli", "sink", "files",
                "--config", config.toString(), "--dir", dir.toString(), "--group-id", group,
                "--max-file-bytes", "4096", "--grace-seconds", "1", "--metrics-port", "0",
                "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", registry.uri().toString());
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("sink.log").toFile()).start();
    }

    /**
     * Requests {@code from..to-1} in chunks: an audit event, a response and a cost revision each,
     * an alert for every tenth; 100..149 in one committed transaction per chunk, and after 120 an
     * aborted transaction of records that must never land. Record timestamps run one minute apart
     * from {@link #HOUR0}, every tenth going back two minutes, so that hours interleave in offsets.
     */
    private void produce(int from, int to, int chunk) {
        try (var plain = producer(null); var transactional = producer(prefix + "filesink-tx")) {
            transactional.initTransactions();
            for (int start = from; start < to; start += chunk) {
                int end = Math.min(to, start + chunk);
                boolean inTransaction = start >= 100 && start < 150;
                var producer = inTransaction ? transactional : plain;
                if (inTransaction) {
                    transactional.beginTransaction();
                }
                for (int i = start; i < end; i++) {
                    sendRequest(producer, i, "r" + i);
                }
                if (inTransaction) {
                    transactional.commitTransaction();
                } else {
                    plain.flush();
                }
                if (start <= 120 && end > 120) {
                    transactional.beginTransaction();
                    for (int k = 0; k < 5; k++) {
                        sendRequest(transactional, 120 + k, "aborted-" + k);
                    }
                    transactional.flush();
                    transactional.abortTransaction();
                }
                Thread.sleep(15);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void sendRequest(KafkaProducer<String, byte[]> producer, int i, String requestId) {
        long ts = timestamp(i).toEpochMilli();
        String tenant = "t" + (i % 7);
        send(producer, topics.audit(), tenant, ts, audit(i, requestId));
        send(producer, topics.responses(), tenant, ts, response(i, requestId));
        send(producer, topics.costs(), tenant, ts, cost(i, requestId));
        if (i % 10 == 0) {
            send(producer, topics.alerts(), tenant, ts, alert(i, requestId));
        }
    }

    private static Instant timestamp(int i) {
        return HOUR0.plusSeconds(60L * i - (i % 10 == 1 ? 120 : 0));
    }

    private static AuditEvent audit(int i, String requestId) {
        return AuditEvent.newBuilder().setEventId(requestId + ":RESPONDED").setRequestId(requestId)
                .setTenantId("t" + (i % 7)).setAppId("chat").setStage("invoke").setAction(AuditAction.RESPONDED)
                .setOutcome(true).setRequestedModel("mock").setResolvedModel("mock-echo").setPromptTokens(10 + i)
                .setCompletionTokens(8).setCostMicros(7_000L + i).setTimestamp(timestamp(i))
                .setDetails(Map.of("attempt", "1")).setSequence(i + 1L).build();
    }

    private static AiResponse response(int i, String requestId) {
        return AiResponse.newBuilder().setRequestId(requestId).setTenantId("t" + (i % 7)).setAppId("chat")
                .setStatus(ResponseStatus.SUCCESS).setModel("mock").setServedModel("mock-echo")
                .setCreated(timestamp(i).getEpochSecond())
                .setChoices(List.of(Choice.newBuilder().setIndex(0).setMessage(ChatMessage.newBuilder()
                        .setRole(Role.ASSISTANT).setContent("model output " + i).build()).build()))
                .setUsage(Usage.newBuilder().setPromptTokens(10 + i).setCompletionTokens(8).setTotalTokens(18 + i).build())
                .setCostMicros(7_000L + i)
                .setTimings(Timings.newBuilder().setReceivedAt(timestamp(i)).setCompletedAt(timestamp(i).plusMillis(100))
                        .build())
                .build();
    }

    private static CostRecord cost(int i, String requestId) {
        return CostRecord.newBuilder().setTenantId("t" + (i % 7)).setAppId(requestId).setModel("mock-echo")
                .setGranularity(CostGranularity.HOUR).setPeriodStart(timestamp(i).truncatedTo(ChronoUnit.HOURS))
                .setRevision(i).setRequests(1).setCostMicros(7_000L + i).setUpdatedAt(timestamp(i)).build();
    }

    private static Alert alert(int i, String requestId) {
        return Alert.newBuilder().setAlertId("alert-" + requestId).setTenantId("t" + (i % 7)).setKind("budget_threshold")
                .setSubject("budget t/day").setMessage("80% of the daily budget").setTimestamp(timestamp(i)).build();
    }

    /** Per topic: the field that identifies a request's record and the field that holds its record timestamp. */
    private record Expected(String topic, String idField, String timeField, List<String> ids) {}

    private static List<Expected> expected() {
        List<Integer> all = IntStream.range(0, REQUESTS).boxed().toList();
        return List.of(
                new Expected("audit", "eventId", "timestamp", all.stream().map(i -> "r" + i + ":RESPONDED").toList()),
                new Expected("responses", "requestId", "timings.receivedAt", all.stream().map(i -> "r" + i).toList()),
                new Expected("costs", "appId", "updatedAt", all.stream().map(i -> "r" + i).toList()),
                new Expected("alerts", "alertId", "timestamp",
                        all.stream().filter(i -> i % 10 == 0).map(i -> "alert-r" + i).toList()));
    }

    /**
     * Each topic's finished files hold each committed record exactly once, in the directory of the
     * UTC hour of its timestamp; the hours are all there; no file is left under a temporary name.
     */
    private void assertExactlyOnceByHour() throws IOException {
        assertThat(tempFiles()).as("temporary files after a clean stop").isEmpty();
        for (Expected e : expected()) {
            List<String> ids = new ArrayList<>();
            Set<String> hours = new TreeSet<>();
            for (Path file : landedFiles(e.topic())) {
                String hourDir = file.getParent().getParent().getFileName() + "/" + file.getParent().getFileName();
                hours.add(hourDir);
                for (String line : gunzip(file)) {
                    JsonNode node = JSON.readTree(line);
                    ids.add(node.get(e.idField()).asText());
                    assertThat(hourDirOf(node.at("/" + e.timeField().replace('.', '/')).asText()))
                            .as("%s line in %s", e.topic(), file).isEqualTo(hourDir);
                }
            }
            assertThat(ids).as("%s: each committed record once, no aborted one", e.topic())
                    .containsExactlyInAnyOrderElementsOf(e.ids());
            assertThat(hours).as("%s: files split by hour", e.topic()).containsExactlyElementsOf(
                    e.ids().stream().map(id -> hourDirOf(timestamp(requestNumber(id)).toString())).distinct().sorted()
                            .toList());
        }
        assertThat(landedFiles("metrics")).isEmpty();
    }

    /** One audit line in full: plain JSON, schema field names, ISO-8601 UTC times, micro-dollars as integers. */
    private void assertOneLineInFull() throws IOException {
        String ts = timestamp(7).toString().replace("Z", ".000Z");
        String expected = "{\"eventId\":\"r7:RESPONDED\",\"requestId\":\"r7\",\"tenantId\":\"t0\",\"appId\":\"chat\","
                + "\"user\":null,\"apiKeyId\":null,\"stage\":\"invoke\",\"action\":\"RESPONDED\",\"outcome\":true,"
                + "\"reason\":null,\"requestedModel\":\"mock\",\"resolvedModel\":\"mock-echo\",\"provider\":null,"
                + "\"deployment\":null,\"region\":null,\"promptTokens\":17,\"completionTokens\":8,\"costMicros\":7007,"
                + "\"latencyMs\":null,\"httpStatus\":null,\"timestamp\":\"" + ts + "\",\"details\":{\"attempt\":\"1\"},"
                + "\"cache\":null,\"servedModel\":null,\"findings\":{},\"promptName\":null,\"promptVersion\":null,\"receivedAt\":null,"
                + "\"maskedPrompt\":null,\"maskedCompletion\":null,\"sequence\":8,\"previousHash\":null,\"hash\":null}";
        List<String> lines = new ArrayList<>();
        for (Path file : landedFiles("audit")) {
            gunzip(file).stream().filter(l -> l.contains("\"r7:RESPONDED\"")).forEach(lines::add);
        }
        assertThat(lines).containsExactly(expected);
        for (Path file : landedFiles("responses")) {
            assertThat(gunzip(file)).noneMatch(l -> l.contains("model output")).allMatch(l -> l.contains("\"costMicros\":"));
        }
    }

    private void awaitCommittedToTheEnd(String group) throws Exception {
        Map<TopicPartition, Long> end = endOffsets();
        try (Admin admin = Admin.create(kafka.clientProps())) {
            await("group " + group + " committed up to " + end, () -> committed(admin, group).equals(end));
        }
    }

    private Map<TopicPartition, Long> committed(Admin admin, String group) {
        try {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (var e : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()) {
                OffsetAndMetadata offset = e.getValue();
                if (offset != null && offset.offset() > 0) {
                    offsets.put(e.getKey(), offset.offset());
                }
            }
            return offsets;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String t : List.of("audit", "responses", "costs", "metrics", "alerts")) {
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(prefix + t, p), OffsetSpec.latest());
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

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LANDING_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            sinks.forEach(s -> assertThat(s.failure()).as("sink failure").isEmpty());
            if (process != null) {
                assertThat(process.isAlive()).as("sink process, see %s", work.resolve("sink.log")).isTrue();
            }
            Thread.sleep(50);
        }
    }

    /** The files a reader globbing {@code <topic>/dt=*}{@code /hour=*}{@code /*.jsonl.gz} would read. */
    private List<Path> landedFiles(String topic) {
        return walk(dir.resolve(prefix + topic)).filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")).toList();
    }

    private List<Path> landedFiles() {
        return walk(dir).filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")).toList();
    }

    private List<Path> tempFiles() {
        return walk(dir).filter(p -> p.getFileName().toString().startsWith(".")).toList();
    }

    /** Lines in finished files, which are complete and never change once they have their name. */
    private long landedLines(String topic) {
        long lines = 0;
        for (Path file : landedFiles(topic)) {
            try {
                lines += gunzip(file).size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private static Stream<Path> walk(Path root) {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).toList().stream();
        } catch (IOException | UncheckedIOException e) {
            // a temporary file was renamed while the directory was listed: list it again
            return walk(root);
        }
    }

    private static List<String> gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hourDirOf(String isoInstant) {
        ZonedDateTime at = Instant.parse(isoInstant).atZone(ZoneOffset.UTC);
        return "dt=" + at.toLocalDate() + "/" + String.format("hour=%02d", at.getHour());
    }

    private static int requestNumber(String id) {
        return Integer.parseInt(id.replaceAll("\\D", ""));
    }

    private KafkaProducer<String, byte[]> producer(String transactionalId) {
        Map<String, Object> props = new HashMap<>(kafka.clientProps());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, String key, long timestamp,
            V value) {
        producer.send(new ProducerRecord<>(topic.name(), null, timestamp, key,
                topic.valueSerde().serializer().serialize(topic.name(), value)));
    }
}
