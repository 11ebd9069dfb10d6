package io.sluice.processors.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.Invocation;
import io.sluice.avro.ModelRecord;
import io.sluice.avro.ModelState;
import io.sluice.avro.ModelVersion;
import io.sluice.avro.ReplyAddress;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.schemas.registry.InMemorySchemaStore;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway admits registry models by their version's state, through the production topology. */
class ModelRegistryTopologyTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Topics topics = new Topics("sluice.", new InMemorySchemaStore());
    private final GatewaySettings settings = new GatewaySettings("sluice.gateway", Set.of("ml-lab", "qa", "app-a", "app-b"),
            Map.of("gpt-4o", Route.single("gpt-4o", "openai-us", "openai", "gpt-4o-2024-08-06", "us"),
                    "gpt-4o-mini", Route.single("gpt-4o-mini", "openai-us", "openai", "gpt-4o-mini", "us")),
            6, Set.of(), 1 << 20);

    private TopologyTestDriver driver;
    private TestInputTopic<String, AiRequest> requests;
    private TestInputTopic<String, ModelRecord> models;
    private TestOutputTopic<String, Invocation> invocations;
    private TestOutputTopic<String, AiResponse> responses;
    private TestOutputTopic<String, AuditEvent> audit;
    private int sequence;

    @BeforeEach
    void startDriver() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "gateway-registry-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(GatewayTopology.build(settings, topics, clock), props);
        requests = driver.createInputTopic(topics.requests().name(), topics.requests().keySerde().serializer(),
                topics.requests().valueSerde().serializer());
        models = driver.createInputTopic(topics.models().name(), topics.models().keySerde().serializer(),
                topics.models().valueSerde().serializer());
        invocations = output(topics.invocations());
        responses = output(topics.responses());
        audit = output(topics.auditRaw());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void eachStateOpensTheVersionToItsTenantsOnly() {
        // tenants: ml-lab is the team's, qa reviews, app-a is any application
        expect(ModelState.DEVELOPMENT, Map.of("ml-lab", true, "qa", false, "app-a", false));
        expect(ModelState.STAGING, Map.of("ml-lab", true, "qa", true, "app-a", false));
        expect(ModelState.APPROVED, Map.of("ml-lab", true, "qa", true, "app-a", true));
        expect(ModelState.PRODUCTION, Map.of("ml-lab", true, "qa", true, "app-a", true));
        expect(ModelState.ARCHIVED, Map.of("ml-lab", false, "qa", false, "app-a", false));
    }

    @Test
    void anAdmittedRegistryVersionGoesOnAsTheConfiguredModelServingItAndTheAuditNamesTheVersion() {
        models.pipeInput("support-bot", model(List.of(version(1, ModelState.PRODUCTION, "gpt-4o-mini")),
                Map.of("prod", 1)));

        requests.pipeInput("app-a", request("app-a", "support-bot@prod"));

        Invocation invocation = invocations.readValue();
        assertThat(invocation.getUpstreamModel()).isEqualTo("gpt-4o-mini");
        AuditEvent accepted = audit.readValuesToList().stream().filter(e -> e.getAction() == AuditAction.ACCEPTED)
                .findFirst().orElseThrow();
        assertThat(accepted.getRequestedModel()).isEqualTo("support-bot@prod");
        assertThat(accepted.getDetails()).containsEntry("registry_model", "support-bot")
                .containsEntry("registry_version", "1").containsEntry("registry_state", "PRODUCTION")
                .containsEntry("served_by", "gpt-4o-mini");
    }

    @Test
    void aDeprecatedVersionKeepsServingTenantsThatUsedItAndRefusesNewOnes() {
        models.pipeInput("support-bot", model(List.of(version(1, ModelState.PRODUCTION, "gpt-4o")), Map.of("prod", 1)));
        requests.pipeInput("app-a", request("app-a", "support-bot@prod"));
        assertThat(invocations.readValuesToList()).hasSize(1);

        models.pipeInput("support-bot", model(List.of(version(1, ModelState.DEPRECATED, "gpt-4o")), Map.of("prod", 1)));
        requests.pipeInput("app-a", request("app-a", "support-bot@prod"));
        requests.pipeInput("app-b", request("app-b", "support-bot@prod"));

        assertThat(invocations.readValuesToList()).extracting(i -> i.getRequest().getTenantId()).containsExactly("app-a");
        AiResponse refused = responses.readValue();
        assertThat(refused.getTenantId()).isEqualTo("app-b");
        assertThat(refused.getError().getHttpStatus()).isEqualTo(403);
        assertThat(refused.getError().getCode()).isEqualTo("model_not_allowed");
        assertThat(refused.getError().getMessage()).contains("deprecated");
        assertThat(audit.readValuesToList()).filteredOn(e -> e.getAction() == AuditAction.REJECTED)
                .singleElement().satisfies(e -> {
                    assertThat(e.getTenantId()).isEqualTo("app-b");
                    assertThat(e.getReason()).isEqualTo("model_not_allowed");
                    assertThat(e.getRequestedModel()).isEqualTo("support-bot@prod");
                });
    }

    @Test
    void aBareNameIsTheNewestProductionVersionAndAnUnknownVersionOrAliasIs404() {
        models.pipeInput("support-bot", model(List.of(version(1, ModelState.PRODUCTION, "gpt-4o"),
                version(2, ModelState.PRODUCTION, "gpt-4o-mini"), version(3, ModelState.STAGING, "gpt-4o")), Map.of()));

        requests.pipeInput("app-a", request("app-a", "support-bot"));
        assertThat(invocations.readValue().getUpstreamModel()).isEqualTo("gpt-4o-mini");

        requests.pipeInput("app-a", request("app-a", "support-bot@7"));
        requests.pipeInput("app-a", request("app-a", "support-bot@nightly"));
        assertThat(responses.readValuesToList()).extracting(r -> r.getError().getCode())
                .containsExactly("model_not_found", "model_not_found");
    }

    @Test
    void aVersionServedByAModelTheGatewayDoesNotKnowIs404AndConfiguredModelsWorkAsBefore() {
        models.pipeInput("support-bot", model(List.of(version(1, ModelState.PRODUCTION, "retired-model")), Map.of()));

        requests.pipeInput("app-a", request("app-a", "support-bot@1"));
        requests.pipeInput("app-a", request("app-a", "gpt-4o"));

        assertThat(responses.readValue().getError().getMessage()).contains("retired-model");
        assertThat(invocations.readValue().getRequest().getModel()).isEqualTo("gpt-4o");
    }

    private void expect(ModelState state, Map<String, Boolean> allowed) {
        models.pipeInput("support-bot", model(List.of(version(1, state, "gpt-4o")), Map.of()));
        List<String> expectedServed = new ArrayList<>();
        for (var tenant : List.of("ml-lab", "qa", "app-a")) {
            requests.pipeInput(tenant, request(tenant, "support-bot@1"));
            if (allowed.get(tenant)) {
                expectedServed.add(tenant);
            }
        }
        assertThat(invocations.readValuesToList()).as(state.name()).extracting(i -> i.getRequest().getTenantId())
                .containsExactlyElementsOf(expectedServed);
        assertThat(responses.readValuesToList()).as(state.name()).allSatisfy(r -> {
            assertThat(r.getError().getHttpStatus()).isEqualTo(403);
            assertThat(r.getError().getCode()).isEqualTo("model_not_allowed");
        }).hasSize(3 - expectedServed.size());
    }

    private static ModelRecord model(List<ModelVersion> versions, Map<String, Integer> aliases) {
        return ModelRecord.newBuilder().setName("support-bot").setOwner("alice").setTeam("ml")
                .setTeamTenants(List.of("ml-lab")).setReviewTenants(List.of("qa")).setVersions(versions)
                .setAliases(aliases).setCreatedAt(NOW).setUpdatedAt(NOW).build();
    }

    private static ModelVersion version(int number, ModelState state, String servedBy) {
        return ModelVersion.newBuilder().setVersion(number).setServedBy(servedBy).setOwner("alice").setTeam("ml")
                .setState(state).setCreatedAt(NOW).setStateChangedAt(NOW).build();
    }

    private AiRequest request(String tenant, String model) {
        return AiRequest.newBuilder().setRequestId("r" + (++sequence)).setTenantId(tenant).setAppId("web")
                .setApiKeyId("key-1").setModel(model).setMessages(List.of(new ChatMessage(Role.USER, "hello", null)))
                .setParams(SamplingParams.newBuilder().build()).setReplyTo(new ReplyAddress("sluice.replies", 2))
                .setReceivedAt(NOW).build();
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }
}
