package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.app.SluiceRuntime.Component;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.Alert;
import io.sluice.avro.BudgetStatus;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.CostGranularity;
import io.sluice.avro.CostRecord;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Role;
import io.sluice.avro.SamplingParams;
import io.sluice.processors.finops.Prices;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * FinOps end to end on the real broker: one gateway and invoker behind two ingress instances
 * (each reading its own reply partition), so that budgets and rate limits are shown to hold for the
 * tenant however many front doors its requests come through; and the published cost totals are
 * shown to equal the responses to the micro-dollar. Each test has a tenant of its own.
 */
@ExtendWith(SharedKafkaExtension.class)
class FinopsIT {
    static final String BUDGET_KEY = "sk-test-finops-budget-0123456789";
    static final String LIMIT_KEY = "sk-test-finops-limit-0123456789";
    static final String HANGUP_KEY = "sk-test-finops-hangup-0123456789";
    static final String BUDGET_TENANT = "fin-budget";
    static final String LIMIT_TENANT = "fin-limited";
    static final String COSTS_TENANT = "fin-costs";
    static final String HANGUP_TENANT = "fin-hangup";

    /** Model {@code budgeted}: input free, output $20 per million tokens, i.e. 20 micro-dollars a token. */
    static final long BUDGETED_OUTPUT_MICROS_PER_TOKEN = 20;
    static final int BUDGETED_MAX_TOKENS = 10;
    /** With free input, the worst case of a call is exactly its output allowance at the output price. */
    static final long WORST_CASE_MICROS = BUDGETED_MAX_TOKENS * BUDGETED_OUTPUT_MICROS_PER_TOKEN;
    static final int CALLS_THAT_FIT = 50;
    /** The daily budget: exactly 50 worst cases, $0.01. */
    static final long BUDGET_MICROS = CALLS_THAT_FIT * WORST_CASE_MICROS;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    static RunningSluice sluice;
    static RunningSluice secondIngress;

    @BeforeAll
    static void start(SharedKafka kafka) {
        String prefix = SharedKafka.newPrefix("finops");
        String yaml = """
                kafka:
                  topic-prefix: %s
                  partitions: 3
                ingress:
                  reply-partition: %d
                finops:
                  flush-interval: 200ms
                tenants:
                  - id: fin-budget
                    keys:
                      - id: fin-budget-key
                        app: web
                        secret: ${BUDGET_KEY}
                    budgets:
                      - period: day
                        limit: %s
                        mode: hard
                  - id: fin-limited
                    keys:
                      - id: fin-limited-key
                        app: web
                        secret: ${LIMIT_KEY}
                        limits:
                          requests-per-minute: 10
                  - id: fin-costs
                    keys:
                      - id: fin-costs-key
                        secret: sk-test-finops-costs-0123456789
                  - id: fin-hangup
                    keys:
                      - id: fin-hangup-key
                        app: chat
                        secret: ${HANGUP_KEY}
                deployments:
                  - name: mock
                    provider: mock
                    region: local
                    options:
                      stream-chunk-delay-ms: "300"
                models:
                  - name: budgeted
                    deployment: mock
                    upstream-model: mock-echo
                    price: {input: 0, output: 20.00}
                  - name: echo
                    deployment: mock
                    upstream-model: mock-echo
                    price: {input: 0.15, output: 0.60}
                  - name: echo-premium
                    deployment: mock
                    upstream-model: mock-echo
                    price: {input: 2.50, output: 10.00}
                  - name: trickle
                    deployment: mock
                    upstream-model: mock-stream
                    price: {input: 1.00, output: 3.00}
                """;
        String budget = Prices.microsToDollars(BUDGET_MICROS);
        Map<String, String> env = Map.of("BUDGET_KEY", BUDGET_KEY, "LIMIT_KEY", LIMIT_KEY, "HANGUP_KEY", HANGUP_KEY);
        sluice = RunningSluice.start(kafka, yaml.formatted(prefix, 0, budget), env);
        secondIngress = RunningSluice.start(kafka, yaml.formatted(prefix, 1, budget), env, EnumSet.of(Component.INGRESS));
    }

    @AfterAll
    static void stop() throws Exception {
        if (secondIngress != null) {
            secondIngress.close();
        }
        if (sluice != null) {
            sluice.close();
        }
    }

    @Test
    void aHardBudgetAdmitsExactlyTheWorstCasesThatFitUnderConcurrencyAcrossTwoIngressInstances() throws Exception {
        // given a daily budget of exactly 50 worst-case calls, and 200 calls that each cost their worst case
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();

        // when all 200 are sent at once, alternating between the two ingress instances
        for (int i = 0; i < 200; i++) {
            String prompt = "call " + i + " asks for a long answer of many words that the model cuts at its limit";
            calls.add(chatAsync(i % 2 == 0 ? sluice : secondIngress, BUDGET_KEY, """
                    {"model": "budgeted", "max_tokens": %d, "messages": [{"role": "user", "content": "%s"}]}"""
                    .formatted(BUDGETED_MAX_TOKENS, prompt)));
        }
        List<HttpResponse<String>> answers = join(calls);

        // then exactly the 50 that fit are answered, and every other one is refused as over budget
        List<HttpResponse<String>> admitted = answers.stream().filter(r -> r.statusCode() == 200).toList();
        List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() != 200).toList();
        assertThat(admitted).as("admitted calls").hasSize(CALLS_THAT_FIT);
        assertThat(refused).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(json(r).at("/error/type").asText()).isEqualTo("budget_exceeded");
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
        });
        assertThat(admitted.stream().map(r -> r.headers().firstValue("x-sluice-deployment").orElse(""))
                .distinct().toList()).containsExactly("mock");

        // and the responses topic holds one final per call, whose costs together stay within the budget
        Map<String, AiResponse> responses = finals(BUDGET_TENANT, 200, Duration.ofSeconds(60));
        assertThat(responses).hasSize(200);
        long spent = responses.values().stream().mapToLong(AiResponse::getCostMicros).sum();
        assertThat(responses.values().stream().filter(r -> r.getStatus() == ResponseStatus.SUCCESS))
                .hasSize(CALLS_THAT_FIT)
                .allSatisfy(r -> assertThat(r.getCostMicros()).as("each call costs its worst case")
                        .isEqualTo(WORST_CASE_MICROS));
        assertThat(spent).isLessThanOrEqualTo(BUDGET_MICROS).isEqualTo(CALLS_THAT_FIT * WORST_CASE_MICROS);

        // and the budgets topic never showed more committed and reserved than the limit, and settles at the spend
        var budgets = sluice.runtime().topics().budgets();
        List<BudgetStatus> states = sluice.readTopic(budgets.name(), budgets.valueSerde().deserializer(),
                s -> s.getTenantId().equals(BUDGET_TENANT),
                seen -> !seen.isEmpty() && seen.get(seen.size() - 1).getReservedMicros() == 0
                        && seen.get(seen.size() - 1).getCommittedMicros() == spent,
                Duration.ofSeconds(30));
        assertThat(states).isNotEmpty().allSatisfy(s -> {
            assertThat(s.getLimitMicros()).isEqualTo(BUDGET_MICROS);
            assertThat(s.getCommittedMicros() + s.getReservedMicros()).isLessThanOrEqualTo(BUDGET_MICROS);
        });
        BudgetStatus last = states.get(states.size() - 1);
        assertThat(last.getCommittedMicros()).isEqualTo(spent);
        assertThat(last.getReservedMicros()).isZero();
        assertThat(last.getPeriod()).isEqualTo("day");

        // and the 50%, 80% and 100% alerts were raised once each
        var alertsTopic = sluice.runtime().topics().alerts();
        List<Alert> alerts = sluice.readTopic(alertsTopic.name(), alertsTopic.valueSerde().deserializer(),
                a -> a.getTenantId().equals(BUDGET_TENANT) && a.getKind().equals("budget_threshold"),
                seen -> seen.size() >= 3, Duration.ofSeconds(20));
        assertThat(alerts).extracting(a -> a.getDetails().get("thresholdPercent"))
                .containsExactlyInAnyOrder("50", "80", "100");
        assertThat(alerts).extracting(Alert::getAlertId).doesNotHaveDuplicates();
    }

    @Test
    void aKeysRequestRateLimitHoldsAcrossTwoIngressInstances() throws Exception {
        // given a key limited to 10 requests per minute, and 25 requests sent at once through both instances
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 25; i++) {
            calls.add(chatAsync(i % 2 == 0 ? sluice : secondIngress, LIMIT_KEY,
                    "{\"model\": \"echo\", \"messages\": [{\"role\": \"user\", \"content\": \"limited " + i + "\"}]}"));
        }

        // when they are answered (well within the six seconds after which the limit lets one more in)
        List<HttpResponse<String>> answers = join(calls);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));

        // then exactly 10 are accepted, each charged one request: their remaining counts are 9 down to 0
        List<HttpResponse<String>> accepted = answers.stream().filter(r -> r.statusCode() == 200).toList();
        assertThat(accepted).hasSize(10);
        assertThat(accepted).allSatisfy(r -> {
            assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).hasValue("10");
            assertThat(r.headers().firstValue("x-ratelimit-reset-requests")).isPresent();
        });
        assertThat(accepted.stream().map(r -> Long.parseLong(
                r.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow())).sorted().toList())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);

        // and the other 15 are refused with when to retry and the limit's state
        List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() != 200).toList();
        assertThat(refused).hasSize(15).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(json(r).at("/error/type").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
            assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).hasValue("10");
            assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
        });
    }

    @Test
    void theCostTotalsEqualTheResponsesToTheMicroDollar() throws Exception {
        // given 10,000 requests of two apps to two priced models, produced straight to the requests topic
        int count = 10_000;
        var requests = sluice.runtime().topics().requests();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sluice.runtime().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20),
                requests.keySerde().serializer(), requests.valueSerde().serializer())) {
            for (int i = 0; i < count; i++) {
                String words = IntStream.rangeClosed(0, i % 13).mapToObj(w -> "word" + w).collect(Collectors.joining(" "));
                producer.send(new ProducerRecord<>(requests.name(), COSTS_TENANT, AiRequest.newBuilder()
                        .setRequestId("fin-costs-" + i)
                        .setTenantId(COSTS_TENANT)
                        .setAppId(i % 3 == 0 ? "ledger" : "reports")
                        .setModel(i % 2 == 0 ? "echo" : "echo-premium")
                        .setMessages(List.of(new ChatMessage(Role.USER, "request " + i + " " + words, null)))
                        .setParams(SamplingParams.newBuilder().build())
                        .setReceivedAt(Instant.now())
                        .build()));
            }
            producer.flush();
        }

        // when every one of them has its final response
        Map<String, AiResponse> responses = finals(COSTS_TENANT, count, Duration.ofSeconds(120));
        assertThat(responses).hasSize(count);
        assertThat(responses.values()).allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(ResponseStatus.SUCCESS));
        long costOfResponses = responses.values().stream().mapToLong(AiResponse::getCostMicros).sum();
        assertThat(costOfResponses).isPositive();

        // then the latest totals per aggregate, by day and by hour, add up to exactly the responses
        var costs = sluice.runtime().topics().costs();
        Predicate<List<CostRecord>> complete = seen -> {
            Map<String, CostRecord> latest = latest(seen);
            return requestsOf(latest, CostGranularity.DAY) == count && requestsOf(latest, CostGranularity.HOUR) == count;
        };
        Map<String, CostRecord> latest = latest(sluice.readTopic(costs.name(), costs.valueSerde().deserializer(),
                c -> c.getTenantId().equals(COSTS_TENANT), complete, Duration.ofSeconds(60)));
        for (CostGranularity granularity : List.of(CostGranularity.DAY, CostGranularity.HOUR)) {
            List<CostRecord> totals = latest.values().stream().filter(c -> c.getGranularity() == granularity).toList();
            assertThat(totals.stream().mapToLong(CostRecord::getCostMicros).sum()).as(granularity + " cost")
                    .isEqualTo(costOfResponses);
            assertThat(totals.stream().mapToLong(CostRecord::getRequests).sum()).as(granularity + " requests")
                    .isEqualTo(count);
            assertThat(totals.stream().mapToLong(CostRecord::getPromptTokens).sum()).as(granularity + " prompt tokens")
                    .isEqualTo(responses.values().stream().mapToLong(r -> r.getUsage().getPromptTokens()).sum());
            assertThat(totals.stream().mapToLong(CostRecord::getCompletionTokens).sum())
                    .as(granularity + " completion tokens")
                    .isEqualTo(responses.values().stream().mapToLong(r -> r.getUsage().getCompletionTokens()).sum());
            // and per app and model too
            Map<String, Long> costByAggregate = responses.values().stream().collect(Collectors.groupingBy(
                    r -> r.getAppId() + "/" + r.getServedModel(), Collectors.summingLong(AiResponse::getCostMicros)));
            Map<String, Long> totalByAggregate = totals.stream().collect(Collectors.groupingBy(
                    c -> c.getAppId() + "/" + c.getModel(), Collectors.summingLong(CostRecord::getCostMicros)));
            assertThat(totalByAggregate).as(granularity + " by app/model").isEqualTo(costByAggregate);
        }
    }

    @Test
    void aStreamedCallCutShortByTheClientIsStillChargedAndCounted() throws Exception {
        // given a priced model that streams a word every 300 ms
        // when the client hangs up after the first chunk
        String requestId = hangUpAfterFirstChunk();

        // then the final response records the cut-off call, its estimated usage and its cost
        AiResponse response = finals(HANGUP_TENANT, 1, Duration.ofSeconds(30)).get(requestId);
        assertThat(response).as("the final response of " + requestId).isNotNull();
        assertThat(response.getStatus()).isEqualTo(ResponseStatus.ERROR);
        assertThat(response.getError().getHttpStatus()).isEqualTo(499);
        assertThat(response.getUsage().getEstimated()).isTrue();
        assertThat(response.getCostMicros()).isPositive()
                .as("$1 and $3 per million tokens: 1 micro-dollar per prompt token, 3 per completion token")
                .isEqualTo(response.getUsage().getPromptTokens() + 3L * response.getUsage().getCompletionTokens());

        // and the day's totals for the model count it, with its cost
        var costs = sluice.runtime().topics().costs();
        Map<String, CostRecord> latest = latest(sluice.readTopic(costs.name(), costs.valueSerde().deserializer(),
                c -> c.getTenantId().equals(HANGUP_TENANT) && c.getGranularity() == CostGranularity.DAY,
                seen -> !seen.isEmpty(), Duration.ofSeconds(20)));
        assertThat(latest.values()).singleElement().satisfies(total -> {
            assertThat(total.getModel()).isEqualTo("trickle");
            assertThat(total.getAppId()).isEqualTo("chat");
            assertThat(total.getRequests()).isEqualTo(1);
            assertThat(total.getErrors()).isEqualTo(1);
            assertThat(total.getCostMicros()).isEqualTo(response.getCostMicros());
        });
    }

    private static CompletableFuture<HttpResponse<String>> chatAsync(RunningSluice ingress, String key, String body) {
        HttpRequest request = HttpRequest.newBuilder(ingress.url("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<HttpResponse<String>> join(List<CompletableFuture<HttpResponse<String>>> calls)
            throws Exception {
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
        return calls.stream().map(CompletableFuture::join).toList();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** The tenant's final responses by request id, once at least {@code count} distinct ones are there. */
    private static Map<String, AiResponse> finals(String tenant, int count, Duration timeout) {
        var topic = sluice.runtime().topics().responses();
        List<AiResponse> read = sluice.readTopic(topic.name(), topic.valueSerde().deserializer(),
                r -> r.getTenantId().equals(tenant),
                seen -> seen.stream().map(AiResponse::getRequestId).distinct().count() >= count, timeout);
        Map<String, AiResponse> byId = new HashMap<>();
        read.forEach(r -> byId.putIfAbsent(r.getRequestId(), r));
        return byId;
    }

    /** The record with the highest revision of each aggregate (tenant, app, model, granularity, period). */
    private static Map<String, CostRecord> latest(List<CostRecord> records) {
        Map<String, CostRecord> latest = new LinkedHashMap<>();
        for (CostRecord c : records) {
            String key = c.getTenantId() + "/" + c.getAppId() + "/" + c.getModel() + "/" + c.getGranularity() + "/"
                    + c.getPeriodStart();
            latest.merge(key, c, (a, b) -> b.getRevision() > a.getRevision() ? b : a);
        }
        return latest;
    }

    private static long requestsOf(Map<String, CostRecord> latest, CostGranularity granularity) {
        return latest.values().stream().filter(c -> c.getGranularity() == granularity)
                .mapToLong(CostRecord::getRequests).sum();
    }

    /** Streams {@code trickle} over a raw socket, reads up to the first content chunk, hangs up; returns the request id. */
    private static String hangUpAfterFirstChunk() throws Exception {
        // about 40 words at 300 ms each: the stream outlasts the hang-up's way to the invoker even on a loaded machine
        return sluice.hangUpAfterFirstChunk(HANGUP_KEY, "{\"model\": \"trickle\", \"stream\": true, \"messages\": "
                + "[{\"role\": \"user\", \"content\": \"one word after another" + " and another".repeat(20) + "\"}]}");
    }
}
