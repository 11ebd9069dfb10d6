package io.sluice.processors.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.CostGranularity;
import io.sluice.avro.CostRecord;
import io.sluice.avro.Invocation;
import io.sluice.avro.Price;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.SamplingParams;
import io.sluice.avro.Timings;
import io.sluice.avro.Usage;
import io.sluice.processors.cache.CacheSettings;
import io.sluice.processors.finops.BudgetRule;
import io.sluice.processors.finops.FinopsSettings;
import io.sluice.processors.provider.TestRequests;
import io.sluice.schemas.registry.InMemorySchemaStore;
import io.sluice.schemas.topic.Topic;
import io.sluice.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

/** Budgets, cost totals and the response cache through the gateway topology, in {@code TopologyTestDriver}. */
class SpendingTopologyTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    /** $1 per million tokens in and out: a micro-dollar per token. */
    private static final Price PRICE = Price.newBuilder().setInputMicrosPerMillion(1_000_000)
            .setOutputMicrosPerMillion(1_000_000).build();
    private static final long FIRST_COST = 120;

    private final Topics topics = new Topics("sluice.", new InMemorySchemaStore());
    private TopologyTestDriver driver;
    private TestInputTopic<String, AiRequest> requests;
    private TestInputTopic<String, AiResponse> responsesIn;
    private TestOutputTopic<String, Invocation> invocations;
    private TestOutputTopic<String, AiResponse> responses;
    private TestOutputTopic<String, CostRecord> costs;

    @BeforeEach
    void startDriver() {
        Route route = new Route("gpt-4o", List.of(new Route.RouteTarget("openai-us", "openai", "gpt-4o-2024-08-06",
                "us", 1, PRICE)), List.of());
        // the request's worst case is about 140 µ$: it fits once, but not beside a committed first cost
        var finops = new FinopsSettings(Map.of("acme", List.of(new BudgetRule(null, BudgetRule.Period.DAY, 200, true))),
                null, null, FinopsSettings.DEFAULT_MAX_TOKENS, null, null, Duration.ofSeconds(1));
        GatewaySettings settings = new GatewaySettings("sluice.gateway", Set.of("acme", "globex"),
                Map.of("gpt-4o", route), 6, Set.of(), 1 << 20).withFinops(finops).withCache(CacheSettings.standard());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "spending-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(GatewayTopology.build(settings, topics, Clock.fixed(NOW, ZoneOffset.UTC)), props);
        requests = input(topics.requests());
        responsesIn = input(topics.responses());
        invocations = output(topics.invocations());
        responses = output(topics.responses());
        costs = output(topics.costs());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    private static AiRequest request(String id, String tenant) {
        return TestRequests.request(id, "What is a monad?")
                .setTenantId(tenant)
                .setModel("gpt-4o")
                .setReceivedAt(NOW)
                .setParams(SamplingParams.newBuilder().setTemperature(0.0).setMaxTokens(100).build())
                .build();
    }

    /** What the invoker would publish for {@code invocation}: a success costing {@link #FIRST_COST}. */
    private static AiResponse answered(Invocation invocation) {
        AiRequest request = invocation.getRequest();
        return AiResponse.newBuilder()
                .setRequestId(request.getRequestId())
                .setTenantId(request.getTenantId())
                .setAppId(request.getAppId())
                .setStatus(ResponseStatus.SUCCESS)
                .setModel(request.getModel())
                .setServedModel("gpt-4o")
                .setCreated(NOW.getEpochSecond())
                .setUsage(Usage.newBuilder().setPromptTokens(20).setCompletionTokens(100).setTotalTokens(120).build())
                .setCostMicros(FIRST_COST)
                .setCache(invocation.getCacheKey() == null ? null : "miss")
                .setTimings(Timings.newBuilder().setReceivedAt(request.getReceivedAt()).setCompletedAt(NOW).build())
                .build();
    }

    /** Pipes {@code request} in, answers its invocation as the invoker would, and returns that invocation. */
    private Invocation callAndAnswer(AiRequest request) {
        requests.pipeInput(request.getTenantId(), request);
        Invocation invocation = invocations.readValue();
        responsesIn.pipeInput(request.getTenantId(), answered(invocation));
        return invocation;
    }

    @Test
    void aSettledResponseIsCostedAndAHardBudgetThenRefusesWhatNoLongerFits() {
        Invocation first = callAndAnswer(request("r1", "acme"));
        assertThat(first.getReservedMicros()).isBetween(FIRST_COST, 200L);
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(costs.readValuesToList()).filteredOn(c -> c.getGranularity() == CostGranularity.DAY)
                .singleElement().satisfies(day -> {
                    assertThat(day.getTenantId()).isEqualTo("acme");
                    assertThat(day.getModel()).isEqualTo("gpt-4o");
                    assertThat(day.getCostMicros()).isEqualTo(FIRST_COST);
                    assertThat(day.getRequests()).isEqualTo(1);
                });

        AiRequest second = TestRequests.request("r2", "Something else entirely?").setTenantId("acme").setModel("gpt-4o")
                .setReceivedAt(NOW).setParams(SamplingParams.newBuilder().setMaxTokens(100).build()).build();
        requests.pipeInput("acme", second);

        assertThat(invocations.isEmpty()).isTrue();
        AiResponse refused = responses.readValuesToList().stream()
                .filter(r -> r.getRequestId().equals("r2")).findFirst().orElseThrow();
        assertThat(refused.getStatus()).isEqualTo(ResponseStatus.REJECTED);
        assertThat(refused.getError().getHttpStatus()).isEqualTo(429);
        assertThat(refused.getError().getCode()).isEqualTo("budget_exceeded");
    }

    @Test
    void aRepeatedDeterministicRequestIsAnsweredFromTheCacheAtNoCost() {
        callAndAnswer(request("r1", "globex"));
        responses.readValuesToList();

        requests.pipeInput("globex", request("r2", "globex"));

        assertThat(invocations.isEmpty()).as("no second provider call").isTrue();
        AiResponse hit = responses.readValue();
        assertThat(hit.getRequestId()).isEqualTo("r2");
        assertThat(hit.getCache()).isEqualTo("hit");
        assertThat(hit.getCostMicros()).isZero();
        assertThat(hit.getSavedCostMicros()).isEqualTo(FIRST_COST);
    }

    @Test
    void anotherTenantWithTheSamePromptMisses() {
        callAndAnswer(request("r1", "globex"));

        requests.pipeInput("acme", request("r2", "acme"));

        assertThat(invocations.readValue().getRequest().getRequestId()).isEqualTo("r2");
    }
}
