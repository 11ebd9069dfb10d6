package io.sluice.processors.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.BatchAction;
import io.sluice.avro.BatchCommand;
import io.sluice.avro.BatchError;
import io.sluice.avro.BatchState;
import io.sluice.avro.BatchStatus;
import io.sluice.avro.Cancellation;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Choice;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.FileChunk;
import io.sluice.avro.FileRecord;
import io.sluice.avro.Priority;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.avro.Timings;
import io.sluice.schemas.BatchIds;
import io.sluice.schemas.registry.InMemorySchemaStore;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import io.sluice.tests.GoldenFiles;
import io.sluice.tests.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batch coordinator in a {@link TopologyTestDriver}: lifecycle, slices, cancel, expiry, Kafka-native batches. */
class BatchTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String TENANT = "acme";
    private final Topics topics = new Topics("sluice.", new InMemorySchemaStore());
    private final TestClock clock = new TestClock(T0);
    private final BatchSettings settings = new BatchSettings("batch-test", Duration.ofSeconds(1), 10, 2,
            Duration.ofMinutes(10), Duration.ofMinutes(5), 1024);
    private TopologyTestDriver driver;
    private TestInputTopic<String, BatchCommand> commands;
    private TestInputTopic<String, AiResponse> responses;
    private TestOutputTopic<String, AiRequest> requests;
    private TestOutputTopic<String, BatchState> states;
    private TestOutputTopic<String, FileChunk> chunks;
    private TestOutputTopic<String, FileRecord> fileMeta;
    private TestOutputTopic<String, Cancellation> cancels;
    private TestOutputTopic<String, AuditEvent> audit;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "batch-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(BatchTopology.build(settings, topics, clock), props, T0);
        commands = input(topics.batchCommands());
        responses = input(topics.responses());
        requests = output(topics.requests());
        states = output(topics.batches());
        chunks = output(topics.files());
        fileMeta = output(topics.filesMeta());
        cancels = output(topics.cancels());
        audit = output(topics.auditRaw());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aBatchRunsFromValidatingToCompletedWithEachResultOnce() {
        create("b1", 3, line("b1", 1, "a"), invalid("b1", 2, "b"), line("b1", 3, "c"));
        assertThat(lastState().getStatus()).isEqualTo(BatchStatus.IN_PROGRESS);

        tick();
        List<AiRequest> sent = requests.readValuesToList();
        assertThat(sent).extracting(AiRequest::getRequestId).containsExactly("b1-1", "b1-3");

        responses.pipeInput(TENANT, answer(sent.get(0), true));
        responses.pipeInput(TENANT, answer(sent.get(0), true));
        responses.pipeInput(TENANT, answer(sent.get(1), false));

        List<BatchState> published = states.readValuesToList();
        BatchState done = published.get(published.size() - 1);
        assertThat(published).extracting(BatchState::getStatus).contains(BatchStatus.FINALIZING);
        assertThat(done.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(List.of(done.getTotal(), done.getCompleted(), done.getFailed())).containsExactly(3, 1, 2);
        Map<String, String> files = files();
        assertThat(files.get(BatchIds.outputFileId("b1"))).contains("\"custom_id\":\"a\"").contains("\"status_code\":200")
                .doesNotContain("\"custom_id\":\"c\"");
        assertThat(files.get(BatchIds.errorFileId("b1"))).contains("\"custom_id\":\"b\"")
                .contains("\"response\":null").contains("\"custom_id\":\"c\"").contains("\"status_code\":500");
        assertThat(files.get(BatchIds.outputFileId("b1")).lines()).hasSize(1);
        assertThat(audit.readValuesToList()).extracting(AuditEvent::getReason).containsExactly("batch.validating",
                "batch.in_progress", "batch.finalizing", "batch.completed");
    }

    @Test
    void linesAreSentInSlicesWithinTheInFlightLimit() {
        create("b2", 5, line("b2", 1, "a"), line("b2", 2, "b"), line("b2", 3, "c"), line("b2", 4, "d"),
                line("b2", 5, "e"));
        tick();
        List<AiRequest> first = requests.readValuesToList();
        assertThat(first).hasSize(2);
        tick();
        assertThat(requests.isEmpty()).isTrue();
        responses.pipeInput(TENANT, answer(first.get(0), true));
        tick();
        assertThat(requests.readValuesToList()).extracting(AiRequest::getRequestId).containsExactly("b2-3");
    }

    @Test
    void aCancelStopsSendingCallsBackWhatIsInFlightAndEndsCancelled() {
        create("b3", 3, line("b3", 1, "a"), line("b3", 2, "b"), line("b3", 3, "c"));
        tick();
        List<AiRequest> sent = requests.readValuesToList();
        commands.pipeInput(TENANT, command("b3", BatchAction.CANCEL).build());
        assertThat(cancels.readValuesToList()).extracting(Cancellation::getRequestId).containsExactlyInAnyOrder("b3-1", "b3-2");
        assertThat(lastState().getStatus()).isEqualTo(BatchStatus.CANCELLING);
        tick();
        assertThat(requests.isEmpty()).isTrue();

        responses.pipeInput(TENANT, answer(sent.get(0), true));
        responses.pipeInput(TENANT, answer(sent.get(1), false));
        BatchState done = lastState();
        assertThat(done.getStatus()).isEqualTo(BatchStatus.CANCELLED);
        assertThat(List.of(done.getCompleted(), done.getFailed())).containsExactly(1, 1);
        assertThat(files().get(BatchIds.outputFileId("b3"))).contains("\"custom_id\":\"a\"");
    }

    @Test
    void theEndOfTheWindowExpiresWhatWasNotAnswered() {
        create("b4", 3, line("b4", 1, "a"), line("b4", 2, "b"), line("b4", 3, "c"));
        tick();
        List<AiRequest> sent = requests.readValuesToList();
        responses.pipeInput(TENANT, answer(sent.get(0), true));
        clock.advance(Duration.ofHours(25));
        tick();
        BatchState done = lastState();
        assertThat(done.getStatus()).isEqualTo(BatchStatus.EXPIRED);
        assertThat(List.of(done.getCompleted(), done.getFailed())).containsExactly(1, 2);
        assertThat(files().get(BatchIds.errorFileId("b4"))).contains("batch_expired").contains("\"custom_id\":\"b\"")
                .contains("\"custom_id\":\"c\"");
        assertThat(cancels.readValuesToList()).extracting(Cancellation::getRequestId).containsExactly("b4-2");
    }

    @Test
    void aFileWithNoValidLineFailsAtValidation() {
        create("b5", 2, invalid("b5", 1, "a"), invalid("b5", 2, "b"));
        BatchState done = lastState();
        assertThat(done.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(done.getErrors()).extracting(BatchError::getCode).containsExactly("no_valid_lines");
        assertThat(files().get(BatchIds.errorFileId("b5")).lines()).hasSize(2);
    }

    @Test
    void aDeclaredKafkaNativeBatchCompletesWithItsLastResponse() {
        commands.pipeInput(TENANT, command("n1", BatchAction.DECLARE).setBatch(state("n1", 2)
                .setSource(BatchIds.SOURCE_KAFKA).setStatus(BatchStatus.IN_PROGRESS).build()).build());
        AiRequest one = request("n1", "app-1", null);
        AiRequest two = request("n1", "app-2", null);
        responses.pipeInput(TENANT, answer(one, true));
        responses.pipeInput(TENANT, answer(one, true));
        assertThat(lastState().getStatus()).isEqualTo(BatchStatus.IN_PROGRESS);
        responses.pipeInput(TENANT, answer(two, false));
        BatchState done = lastState();
        assertThat(done.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(List.of(done.getCompleted(), done.getFailed())).containsExactly(1, 1);
    }

    @Test
    void anUndeclaredKafkaNativeBatchCompletesAfterItsQuietPeriod() {
        responses.pipeInput(TENANT, answer(request("n2", "x-1", null), true));
        tick();
        assertThat(lastState().getStatus()).isEqualTo(BatchStatus.IN_PROGRESS);
        clock.advance(Duration.ofMinutes(5));
        tick();
        BatchState done = lastState();
        assertThat(done.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(done.getSource()).isEqualTo(BatchIds.SOURCE_KAFKA);
    }

    /** Every processor, store and sink of the coordinator is named; see {@link GoldenFiles}. */
    @Test
    void topologyDescriptionMatchesTheGoldenCopy() throws java.io.IOException {
        GoldenFiles.assertMatches("batch-topology.txt", BatchTopology.build(settings, topics, clock).describe().toString());
    }

    private void tick() {
        clock.advance(Duration.ofSeconds(1));
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    private void create(String batchId, int total, BatchCommand... lines) {
        commands.pipeInput(TENANT, command(batchId, BatchAction.CREATE).setBatch(state(batchId, total).build()).build());
        for (BatchCommand line : lines) {
            commands.pipeInput(TENANT, line);
        }
    }

    private BatchState.Builder state(String batchId, int total) {
        return BatchState.newBuilder().setBatchId(batchId).setTenantId(TENANT).setAppId("app")
                .setSource(BatchIds.SOURCE_API).setInputFileId("file-in").setStatus(BatchStatus.VALIDATING)
                .setCreatedAt(clock.instant()).setExpiresAt(clock.instant().plus(Duration.ofHours(24))).setTotal(total);
    }

    private BatchCommand.Builder command(String batchId, BatchAction action) {
        return BatchCommand.newBuilder().setBatchId(batchId).setTenantId(TENANT).setAction(action).setAt(clock.instant());
    }

    private BatchCommand line(String batchId, int number, String customId) {
        return command(batchId, BatchAction.LINE).setLine(number).setCustomId(customId)
                .setRequest(request(batchId, BatchIds.requestId(batchId, number), customId)).build();
    }

    private BatchCommand invalid(String batchId, int number, String customId) {
        return command(batchId, BatchAction.LINE).setLine(number).setCustomId(customId)
                .setError(new BatchError("invalid_value", "bad line", "body.messages", number)).build();
    }

    private AiRequest request(String batchId, String requestId, String customId) {
        return AiRequest.newBuilder().setRequestId(requestId).setTenantId(TENANT).setModel("mock-echo")
                .setMessages(List.of(new ChatMessage(Role.USER, "hi", null)))
                .setParams(SamplingParams.newBuilder().build()).setPriority(Priority.BATCH).setBatchId(batchId)
                .setCustomId(customId).setReceivedAt(clock.instant()).build();
    }

    private AiResponse answer(AiRequest request, boolean success) {
        var response = AiResponse.newBuilder().setRequestId(request.getRequestId()).setTenantId(TENANT)
                .setModel(request.getModel()).setCreated(clock.instant().getEpochSecond())
                .setStatus(success ? ResponseStatus.SUCCESS : ResponseStatus.ERROR)
                .setBatchId(request.getBatchId()).setPriority(Priority.BATCH)
                .setTimings(Timings.newBuilder().setReceivedAt(clock.instant()).setCompletedAt(clock.instant()).build());
        if (success) {
            response.setChoices(List.of(new Choice(0, new ChatMessage(Role.ASSISTANT, "ok", null), "stop")));
        } else {
            response.setError(new ErrorInfo(500, "server_error", "upstream_failed", "the model failed", null, null));
        }
        return response.build();
    }

    private BatchState lastState() {
        List<BatchState> all = states.readValuesToList();
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    /** Each written file's content, by id, put together from its chunks as its metadata says. */
    private Map<String, String> files() {
        Map<String, List<FileChunk>> byFile = chunks.readValuesToList().stream()
                .collect(Collectors.groupingBy(FileChunk::getFileId));
        var contents = new java.util.HashMap<String, String>();
        for (FileRecord meta : fileMeta.readValuesToList()) {
            List<FileChunk> pieces = new ArrayList<>(byFile.get(meta.getFileId()));
            assertThat(pieces).hasSize(meta.getChunks());
            var text = new StringBuilder();
            pieces.stream().sorted(java.util.Comparator.comparing(FileChunk::getIndex)).forEach(chunk -> {
                byte[] data = new byte[chunk.getData().remaining()];
                chunk.getData().duplicate().get(data);
                text.append(new String(data, StandardCharsets.UTF_8));
            });
            assertThat(text.toString().getBytes(StandardCharsets.UTF_8)).hasSize((int) meta.getBytes());
            contents.put(meta.getFileId(), text.toString());
        }
        return contents;
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer(),
                T0, Duration.ZERO);
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }
}
