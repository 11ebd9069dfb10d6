package io.sluice.processors.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Invocation;
import io.sluice.avro.Priority;
import io.sluice.avro.ReplyAddress;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.finops.FinopsSettings;
import io.sluice.processors.finops.RateLimits;
import io.sluice.schemas.registry.InMemorySchemaStore;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import io.sluice.tests.GoldenFiles;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayTopologyTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final String GOLDEN = "gateway-topology.txt";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Topics topics = new Topics("sluice.", new InMemorySchemaStore());
    private final GatewaySettings settings = new GatewaySettings("sluice.gateway", Set.of("acme"),
            Map.of("gpt-4o", Route.single("gpt-4o", "openai-us", "openai", "gpt-4o-2024-08-06", "us")),
            6, Set.of("sluice.replies.billing"), 1 << 20);

    private TopologyTestDriver driver;
    private TestInputTopic<String, AiRequest> requests;
    private TestOutputTopic<String, Invocation> invocations;
    private TestOutputTopic<String, Invocation> batchInvocations;
    private TestOutputTopic<String, AiResponse> responses;
    private TestOutputTopic<String, AiReply> replies;
    private TestOutputTopic<String, AuditEvent> audit;

    @BeforeEach
    void startDriver() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "gateway-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(GatewayTopology.build(settings, topics, clock), props);
        requests = input(topics.requests());
        invocations = output(topics.invocations());
        batchInvocations = output(topics.invocationsBatch());
        responses = output(topics.responses());
        replies = output(topics.replies());
        audit = output(topics.auditRaw());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void admittedRequestIsRoutedToItsDeploymentWithAcceptedAndRoutedAuditEvents() {
        requests.pipeInput("acme", request("r1", "acme", "gpt-4o").build());

        Invocation invocation = invocations.readValue();
        assertThat(invocation.getDeployment()).isEqualTo("openai-us");
        assertThat(invocation.getProvider()).isEqualTo("openai");
        assertThat(invocation.getUpstreamModel()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(invocation.getRegion()).isEqualTo("us");
        assertThat(invocation.getAdmittedAt()).isEqualTo(NOW);
        assertThat(invocation.getRequest().getRequestId()).isEqualTo("r1");
        assertThat(invocations.isEmpty()).isTrue();
        assertThat(responses.isEmpty()).isTrue();
        assertThat(replies.isEmpty()).isTrue();

        List<AuditEvent> events = audit.readValuesToList();
        assertThat(events).extracting(AuditEvent::getAction).containsExactly(AuditAction.ACCEPTED, AuditAction.ROUTED);
        assertThat(events).extracting(AuditEvent::getEventId).containsExactly("r1:ACCEPTED", "r1:ROUTED");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getTenantId()).isEqualTo("acme");
            assertThat(e.getOutcome()).isFalse();
        });
        assertThat(events.get(1).getDeployment()).isEqualTo("openai-us");
    }

    @Test
    void anAdmittedRequestsInvocationCarriesItsRateLimitStatusSoThatItsAnswerCanShowIt() {
        var limited = settings.withFinops(new FinopsSettings(null, null,
                Map.of("key-1", new RateLimits(10L, null)), FinopsSettings.DEFAULT_MAX_TOKENS, null, null, null));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "gateway-limit-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try (var limitedDriver = new TopologyTestDriver(GatewayTopology.build(limited, topics, clock), props)) {
            var in = limitedDriver.createInputTopic(topics.requests().name(), topics.requests().keySerde().serializer(),
                    topics.requests().valueSerde().serializer());
            var out = limitedDriver.createOutputTopic(topics.invocations().name(),
                    topics.invocations().keySerde().deserializer(), topics.invocations().valueSerde().deserializer());

            in.pipeInput("acme", request("r1", "acme", "gpt-4o").build());
            in.pipeInput("acme", request("r2", "acme", "gpt-4o").build());

            assertThat(out.readValuesToList()).extracting(Invocation::getRateLimit).doesNotContainNull().satisfiesExactly(
                    first -> {
                        assertThat(first.getLimitRequests()).isEqualTo(10L);
                        assertThat(first.getRemainingRequests()).isEqualTo(9L);
                    },
                    second -> assertThat(second.getRemainingRequests()).isEqualTo(8L));
        }
    }

    @Test
    void unknownModelIsRejectedWith404AndTheRequesterGetsTheReply() {
        requests.pipeInput("acme", request("r2", "acme", "no-such-model").build());

        assertThat(invocations.isEmpty()).isTrue();
        AiResponse response = responses.readValue();
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.REJECTED);
        assertThat(response.getError().getHttpStatus()).isEqualTo(404);
        assertThat(response.getError().getCode()).isEqualTo("model_not_found");
        assertThat(response.getTenantId()).isEqualTo("acme");

        var reply = replies.readKeyValue();
        assertThat(reply.key).isEqualTo("r2");
        assertThat(reply.value.getResponse().getError().getHttpStatus()).isEqualTo(404);

        AuditEvent outcome = audit.readValue();
        assertThat(outcome.getAction()).isEqualTo(AuditAction.REJECTED);
        assertThat(outcome.getOutcome()).isTrue();
        assertThat(outcome.getReason()).isEqualTo("model_not_found");
        assertThat(audit.isEmpty()).isTrue();
    }

    @Test
    void unknownTenantIsRefused() {
        requests.pipeInput("mallory", request("r3", "mallory", "gpt-4o").build());

        assertThat(invocations.isEmpty()).isTrue();
        assertThat(responses.readValue().getError().getHttpStatus()).isEqualTo(403);
    }

    @Test
    void aTenantCreatedThroughTheAdminApiIsAdmittedOnceItsRecordArrives() {
        requests.pipeInput("newco", request("r3a", "newco", "gpt-4o").build());
        assertThat(responses.readValue().getError().getCode()).isEqualTo("unknown_tenant");

        input(topics.tenants()).pipeInput("newco", io.sluice.avro.TenantRecord.newBuilder().setTenantId("newco")
                .setApps(List.of("web")).setKeys(List.of()).setCreatedAt(NOW).setUpdatedAt(NOW).build());
        requests.pipeInput("newco", request("r3b", "newco", "gpt-4o").build());

        assertThat(invocations.readValue().getRequest().getRequestId()).isEqualTo("r3b");
        assertThat(responses.isEmpty()).isTrue();
    }

    @Test
    void aRecordKeyedByAnotherTenantIsInvalid() {
        requests.pipeInput("other", request("r4", "acme", "gpt-4o").build());

        AiResponse response = responses.readValue();
        assertThat(response.getError().getHttpStatus()).isEqualTo(400);
        assertThat(response.getError().getMessage()).contains("tenant");
        assertThat(invocations.isEmpty()).isTrue();
    }

    @Test
    void outOfRangeParametersFromAppsThatProduceDirectlyAreRejected() {
        var bad = request("r5", "acme", "gpt-4o")
                .setParams(SamplingParams.newBuilder().setTemperature(3.5).build())
                .build();
        requests.pipeInput("acme", bad);

        assertThat(responses.readValue().getError().getMessage()).contains("temperature");
    }

    @Test
    void batchPriorityGoesToTheBatchInvocationsTopic() {
        requests.pipeInput("acme", request("r6", "acme", "gpt-4o").setPriority(Priority.BATCH).setBatchId("b1").build());

        assertThat(invocations.isEmpty()).isTrue();
        assertThat(batchInvocations.readValue().getRequest().getBatchId()).isEqualTo("b1");
    }

    @Test
    void anAppMayNameAnAllowlistedReplyTopic() {
        TestOutputTopic<String, AiReply> appReplies = driver.createOutputTopic("sluice.replies.billing",
                topics.replies().keySerde().deserializer(), topics.replies().valueSerde().deserializer());
        requests.pipeInput("acme", request("r7", "acme", "missing")
                .setReplyTo(new ReplyAddress("sluice.replies.billing", null)).build());

        assertThat(appReplies.readKeyValue().key).isEqualTo("r7");
        assertThat(replies.isEmpty()).isTrue();
    }

    @Test
    void aReplyTopicOutsideTheRepliesPrefixIsRefused() {
        requests.pipeInput("acme", request("r8", "acme", "gpt-4o")
                .setReplyTo(new ReplyAddress("sluice.audit", 0)).build());

        AiResponse response = responses.readValue();
        assertThat(response.getError().getMessage()).contains("replyTo.topic");
        assertThat(invocations.isEmpty()).isTrue();
        assertThat(audit.readValuesToList()).extracting(AuditEvent::getAction).containsExactly(AuditAction.REJECTED);
    }

    @Test
    void aReplyTopicThatIsNotAllowlistedIsRefusedEvenUnderTheRepliesPrefix() {
        TestOutputTopic<String, AiReply> other = driver.createOutputTopic("sluice.replies.other",
                topics.replies().keySerde().deserializer(), topics.replies().valueSerde().deserializer());
        requests.pipeInput("acme", request("r9", "acme", "gpt-4o")
                .setReplyTo(new ReplyAddress("sluice.replies.other", null)).build());

        assertThat(responses.readValue().getError().getHttpStatus()).isEqualTo(400);
        assertThat(other.isEmpty()).isTrue();
        assertThat(invocations.isEmpty()).isTrue();
    }

    @Test
    void anInvalidRequestNamingAForbiddenReplyTopicGetsNoReplyThere() {
        requests.pipeInput("acme", request("r10", "acme", " ")
                .setReplyTo(new ReplyAddress(topics.auditRaw().name(), 0)).build());

        AiResponse response = responses.readValue();
        assertThat(response.getError().getHttpStatus()).isEqualTo(400);
        assertThat(response.getReplyTo()).isNull();
        assertThat(replies.isEmpty()).isTrue();
        // an AiReply written into the audit topic would fail to deserialise here
        assertThat(audit.readValuesToList()).extracting(AuditEvent::getAction).containsExactly(AuditAction.REJECTED);
    }

    @Test
    void aReplyPartitionBeyondThePartitionCountIsRefused() {
        requests.pipeInput("acme", request("r11", "acme", "gpt-4o")
                .setReplyTo(new ReplyAddress(topics.replies().name(), 6)).build());

        assertThat(responses.readValue().getError().getMessage()).contains("partition");
        assertThat(replies.isEmpty()).isTrue();
        assertThat(invocations.isEmpty()).isTrue();
    }

    @Test
    void replyPartitionerSendsToTheRequestersPartition() {
        var partitioner = new GatewayTopology.ReplyPartitioner();
        AiReply toThree = reply(new ReplyAddress("sluice.replies", 3));
        AiReply unaddressed = reply(new ReplyAddress("sluice.replies", null));

        assertThat(partitioner.partitions("sluice.replies", "r", toThree, 6)).contains(Set.of(3));
        assertThat(partitioner.partitions("sluice.replies", "r", unaddressed, 6)).isEmpty();
        assertThat(partitioner.partitions("sluice.replies", "r", toThree, 2)).isEmpty();
    }

    /** See {@link GoldenFiles}. */
    @Test
    void topologyDescriptionMatchesTheGoldenCopy() throws IOException {
        Topology topology = GatewayTopology.build(settings, topics, clock);
        GoldenFiles.assertMatches(GOLDEN, topology.describe().toString());
    }

    private static AiReply reply(ReplyAddress address) {
        AiResponse response = AiResponse.newBuilder()
                .setRequestId("r").setTenantId("acme").setStatus(ResponseStatus.REJECTED).setModel("m")
                .setCreated(0).setReplyTo(address)
                .setTimings(io.sluice.avro.Timings.newBuilder().setReceivedAt(NOW).setCompletedAt(NOW).build())
                .build();
        return AiReply.newBuilder().setRequestId("r").setKind(io.sluice.avro.ReplyKind.FINAL).setResponse(response).build();
    }

    private static AiRequest.Builder request(String id, String tenant, String model) {
        return AiRequest.newBuilder()
                .setRequestId(id)
                .setTenantId(tenant)
                .setAppId("web")
                .setApiKeyId("key-1")
                .setModel(model)
                .setMessages(List.of(new ChatMessage(Role.USER, "hello", null)))
                .setParams(SamplingParams.newBuilder().build())
                .setReplyTo(new ReplyAddress("sluice.replies", 2))
                .setReceivedAt(NOW);
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }
}
