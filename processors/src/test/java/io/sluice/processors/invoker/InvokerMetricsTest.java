package io.sluice.processors.invoker;

import static io.sluice.processors.invoker.InvokerHarness.P0;
import static io.sluice.processors.invoker.TestInvocations.invocation;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.avro.AiResponse;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.Invocation;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Timings;
import io.sluice.avro.Usage;
import io.sluice.schemas.Telemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The invoker's GenAI client meters, tokens and cost, as a dashboard reads them. */
class InvokerMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InvokerMetrics metrics = new InvokerMetrics(registry, new AtomicInteger());

    @Test
    void given_a_priced_success_when_recorded_then_tokens_by_type_cost_and_duration_carry_the_models() {
        Invocation call = invocation("req-1", "openai-us", "gpt-4o-mini-2024-07-18");

        metrics.answered(call, response(ResponseStatus.SUCCESS, "gpt-4o-mini-2024-07-18", 120, 30, 420, null),
                TimeUnit.MILLISECONDS.toNanos(250));

        assertThat(tokenUsage(Telemetry.TOKEN_INPUT).totalAmount()).isEqualTo(120);
        assertThat(tokenUsage(Telemetry.TOKEN_OUTPUT).totalAmount()).isEqualTo(30);
        assertThat(tokenUsage(Telemetry.TOKEN_OUTPUT).count()).isEqualTo(1);
        assertThat(registry.get(Telemetry.TOKENS).tag(Telemetry.TAG_TENANT, "acme").tag(Telemetry.TAG_MODEL, "gpt-4o-mini")
                .tag(Telemetry.TAG_TOKEN_TYPE, Telemetry.TOKEN_INPUT).counter().count()).isEqualTo(120);
        assertThat(registry.get(Telemetry.COST).tag(Telemetry.TAG_TENANT, "acme").tag(Telemetry.TAG_MODEL, "gpt-4o-mini")
                .tag(Telemetry.TAG_PROVIDER, "mock").counter().count()).isEqualTo(420);
        var duration = registry.get(Telemetry.CLIENT_OPERATION_DURATION)
                .tag(Telemetry.TAG_REQUEST_MODEL, "gpt-4o-mini-2024-07-18")
                .tag(Telemetry.TAG_RESPONSE_MODEL, "gpt-4o-mini-2024-07-18")
                .tag(Telemetry.TAG_ERROR_TYPE, Telemetry.NO_ERROR).timer();
        assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
        assertThat(duration.takeSnapshot().histogramCounts()).as("SLO buckets for histogram_quantile").isNotEmpty();
    }

    @Test
    void given_a_failed_call_without_usage_when_recorded_then_only_its_duration_and_error_type_are() {
        ErrorInfo error = ErrorInfo.newBuilder().setHttpStatus(502).setType("upstream_error").setMessage("down").build();

        metrics.answered(invocation("req-2", "openai-us", "gpt-4o"), responseBuilder(ResponseStatus.ERROR, null, 0, 0, 0,
                error).setUsage(null).build(), 1_000);

        assertThat(registry.get(Telemetry.CLIENT_OPERATION_DURATION).tag(Telemetry.TAG_ERROR_TYPE, "upstream_error")
                .tag(Telemetry.TAG_RESPONSE_MODEL, Telemetry.UNKNOWN).timer().count()).isEqualTo(1);
        assertThat(registry.find(Telemetry.CLIENT_TOKEN_USAGE).summary()).isNull();
        assertThat(registry.find(Telemetry.COST).counter()).isNull();
    }

    @Test
    void given_a_provider_naming_endless_response_models_when_recorded_then_the_label_stays_bounded() {
        for (int i = 0; i < 150; i++) {
            metrics.answered(invocation("req-" + i, "openai-us", "gpt-4o"),
                    response(ResponseStatus.SUCCESS, "gpt-4o-build-" + i, 1, 1, 0, null), 1_000);
        }

        assertThat(registry.find(Telemetry.CLIENT_TOKEN_USAGE).tag(Telemetry.TAG_TOKEN_TYPE, Telemetry.TOKEN_INPUT)
                .summaries()).hasSize(101);
        assertThat(registry.get(Telemetry.CLIENT_TOKEN_USAGE).tag(Telemetry.TAG_RESPONSE_MODEL, Telemetry.OTHER)
                .tag(Telemetry.TAG_TOKEN_TYPE, Telemetry.TOKEN_INPUT).summary().count()).isEqualTo(50);
    }

    @Test
    void given_the_invoker_answers_an_invocation_then_the_token_usage_equals_the_response_usage() {
        try (var harness = InvokerHarness.stepped(16, false, Duration.ofSeconds(10), P0)) {
            harness.add(P0, 0, invocation("req-1", "local", "mock-echo"));
            harness.turns(3);

            Usage usage = harness.response("req-1").getUsage();
            assertThat(harness.meters.get(Telemetry.CLIENT_TOKEN_USAGE).tag(Telemetry.TAG_PROVIDER, "mock")
                    .tag(Telemetry.TAG_TOKEN_TYPE, Telemetry.TOKEN_INPUT).summary().totalAmount())
                    .isEqualTo(usage.getPromptTokens()).isPositive();
            assertThat(harness.meters.get(Telemetry.CLIENT_TOKEN_USAGE)
                    .tag(Telemetry.TAG_TOKEN_TYPE, Telemetry.TOKEN_OUTPUT).summary().totalAmount())
                    .isEqualTo(usage.getCompletionTokens());
        }
    }

    private DistributionSummary tokenUsage(String type) {
        return registry.get(Telemetry.CLIENT_TOKEN_USAGE).tag(Telemetry.TAG_PROVIDER, "mock")
                .tag(Telemetry.TAG_REQUEST_MODEL, "gpt-4o-mini-2024-07-18")
                .tag(Telemetry.TAG_RESPONSE_MODEL, "gpt-4o-mini-2024-07-18")
                .tag(Telemetry.TAG_TOKEN_TYPE, type).summary();
    }

    private static AiResponse response(ResponseStatus status, String responseModel, int prompt, int completion,
            long costMicros, ErrorInfo error) {
        return responseBuilder(status, responseModel, prompt, completion, costMicros, error).build();
    }

    private static AiResponse.Builder responseBuilder(ResponseStatus status, String responseModel, int prompt,
            int completion, long costMicros, ErrorInfo error) {
        Instant at = Instant.parse("2026-03-01T10:15:30Z");
        return AiResponse.newBuilder().setRequestId("req").setTenantId("acme").setStatus(status).setModel("gpt-4o-mini")
                .setServedModel("gpt-4o-mini").setResponseModel(responseModel).setCreated(at.getEpochSecond())
                .setUsage(Usage.newBuilder().setPromptTokens(prompt).setCompletionTokens(completion)
                        .setTotalTokens(prompt + completion).build())
                .setCostMicros(costMicros).setError(error)
                .setTimings(Timings.newBuilder().setReceivedAt(at).setCompletedAt(at).build());
    }
}
