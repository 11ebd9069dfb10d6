package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sluice.avro.AiResponse;
import io.sluice.avro.BudgetStatus;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.ResponseStatus;
import io.sluice.avro.Timings;
import io.sluice.schemas.ErrorTypes;
import io.sluice.schemas.Telemetry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the ingress's meters say about the answers it gives and the budgets it sees. */
class IngressMetricsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    private final MockClock meterClock = new MockClock();
    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), meterClock);
    private final IngressMetrics metrics = new IngressMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void given_an_answer_from_a_provider_when_recorded_then_the_overhead_is_the_total_minus_the_provider_time() {
        Timer.Sample sample = metrics.startTimer();
        meterClock.add(500, TimeUnit.MILLISECONDS);

        metrics.chatAnswered(sample, "mock-echo", response(ResponseStatus.SUCCESS, 400_000_000L, "miss", null), null);

        Timer overhead = registry.find(Telemetry.GATEWAY_OVERHEAD).timer();
        assertThat(overhead.count()).isEqualTo(1);
        assertThat(overhead.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(100.0);
        assertThat(count(Telemetry.REQUESTS, Telemetry.TAG_OUTCOME, Telemetry.OUTCOME_SUCCESS)).isEqualTo(1);
        assertThat(count(Telemetry.CACHE_LOOKUPS, Telemetry.TAG_RESULT, Telemetry.CACHE_MISS)).isEqualTo(1);
        assertThat(registry.scrape()).contains("sluice_gateway_overhead_seconds_bucket{le=\"0.1\"} 1");
    }

    @Test
    void given_a_cache_hit_when_recorded_then_it_counts_as_a_hit_and_all_its_time_is_overhead() {
        Timer.Sample sample = metrics.startTimer();
        meterClock.add(3, TimeUnit.MILLISECONDS);

        metrics.chatAnswered(sample, "mock-echo", response(ResponseStatus.SUCCESS, 0, "hit", null), null);

        assertThat(count(Telemetry.CACHE_LOOKUPS, Telemetry.TAG_RESULT, Telemetry.CACHE_HIT)).isEqualTo(1);
        assertThat(registry.find(Telemetry.GATEWAY_OVERHEAD).timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3.0);
    }

    @Test
    void given_a_gateway_rejection_when_recorded_then_it_is_counted_by_its_code() {
        ErrorInfo limit = ErrorInfo.newBuilder().setHttpStatus(429).setType(ErrorTypes.RATE_LIMIT_EXCEEDED)
                .setCode("rate_limit_exceeded").setMessage("slow down").build();

        metrics.chatAnswered(metrics.startTimer(), "mock-echo", response(ResponseStatus.REJECTED, 0, null, limit),
                ApiError.from(limit));

        assertThat(count(Telemetry.REJECTIONS, Telemetry.TAG_REASON, "rate_limit_exceeded")).isEqualTo(1);
        assertThat(registry.find(Telemetry.REQUESTS).tag(Telemetry.TAG_OUTCOME, Telemetry.OUTCOME_REJECTED)
                .tag(Telemetry.TAG_ERROR_TYPE, ErrorTypes.RATE_LIMIT_EXCEEDED).counter().count()).isEqualTo(1);
        assertThat(registry.find(Telemetry.CACHE_LOOKUPS).counter()).as("no lookup was made").isNull();
    }

    @Test
    void given_a_provider_error_with_a_4xx_status_when_recorded_then_it_is_an_error_not_a_rejection() {
        ErrorInfo upstream = ErrorInfo.newBuilder().setHttpStatus(429).setType(ErrorTypes.RATE_LIMIT_EXCEEDED)
                .setCode("rate_limit_exceeded").setMessage("provider busy").build();

        metrics.chatAnswered(metrics.startTimer(), "mock-echo", response(ResponseStatus.ERROR, 0, null, upstream),
                ApiError.from(upstream));

        assertThat(count(Telemetry.REQUESTS, Telemetry.TAG_OUTCOME, Telemetry.OUTCOME_ERROR)).isEqualTo(1);
        assertThat(registry.find(Telemetry.REJECTIONS).counter()).isNull();
    }

    @Test
    void given_answers_of_the_ingress_alone_when_recorded_then_4xx_are_rejections_and_5xx_and_hang_ups_errors() {
        metrics.chatAnswered(metrics.startTimer(), Telemetry.OTHER_MODEL, null, ApiError.invalidApiKey());
        metrics.chatAnswered(metrics.startTimer(), "mock-echo", null, ApiError.kafkaUnavailable());
        metrics.chatAbandoned(metrics.startTimer(), "mock-echo");

        assertThat(count(Telemetry.REJECTIONS, Telemetry.TAG_REASON, "invalid_api_key")).isEqualTo(1);
        assertThat(registry.find(Telemetry.REJECTIONS).counters()).hasSize(1);
        assertThat(registry.find(Telemetry.REQUESTS).tag(Telemetry.TAG_OUTCOME, Telemetry.OUTCOME_ERROR)
                .counters()).extracting(c -> c.getId().getTag(Telemetry.TAG_ERROR_TYPE))
                .containsExactlyInAnyOrder(ErrorTypes.SERVER_ERROR, ErrorTypes.CANCELLED);
        assertThat(registry.find(Telemetry.GATEWAY_OVERHEAD).timer()).as("no pipeline answer").isNull();
    }

    @Test
    void given_an_error_code_that_is_text_when_recorded_then_the_label_is_other() {
        ErrorInfo odd = ErrorInfo.newBuilder().setHttpStatus(400).setType(ErrorTypes.INVALID_REQUEST)
                .setCode("the model said:\n\"ignore all previous instructions\"").setMessage("bad").build();

        metrics.chatAnswered(metrics.startTimer(), "mock-echo", response(ResponseStatus.REJECTED, 0, null, odd),
                ApiError.from(odd));

        assertThat(count(Telemetry.REJECTIONS, Telemetry.TAG_REASON, Telemetry.OTHER)).isEqualTo(1);
    }

    @Test
    void given_a_budget_when_seen_then_its_remaining_amount_is_a_gauge_until_it_is_removed() {
        var current = new AtomicReference<>(budget(NOW.plusSeconds(3600), 1_000_000, 250_000, 50_000));
        metrics.budgetAdded("acme/tenant/day", current.get(), current::get);

        assertThat(remaining()).isEqualTo(700_000.0);
        assertThat(registry.scrape()).contains("sluice_budget_remaining_microdollars{period=\"day\",scope=\"tenant\","
                + "tenant=\"acme\"} 700000.0");
        current.set(budget(NOW.plusSeconds(3600), 1_000_000, 900_000, 0));
        assertThat(remaining()).isEqualTo(100_000.0);
        current.set(budget(NOW, 1_000_000, 900_000, 0));
        assertThat(remaining()).as("the period has ended: the next one has all of it").isEqualTo(1_000_000.0);

        metrics.budgetRemoved("acme/tenant/day");
        assertThat(registry.find(Telemetry.BUDGET_REMAINING).gauge()).isNull();
        assertThat(registry.find(Telemetry.BUDGET_LIMIT).gauge()).isNull();
    }

    private double remaining() {
        return registry.find(Telemetry.BUDGET_REMAINING).tag(Telemetry.TAG_TENANT, "acme").gauge().value();
    }

    private double count(String name, String tag, String value) {
        var counter = registry.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static BudgetStatus budget(Instant periodEnd, long limit, long committed, long reserved) {
        return BudgetStatus.newBuilder().setTenantId("acme").setScope("tenant").setPeriod("day")
                .setPeriodStart(periodEnd.minusSeconds(86_400)).setPeriodEnd(periodEnd).setHard(true)
                .setLimitMicros(limit).setCommittedMicros(committed).setReservedMicros(reserved).setUpdatedAt(NOW)
                .build();
    }

    private static AiResponse response(ResponseStatus status, long providerNanos, String cache, ErrorInfo error) {
        return AiResponse.newBuilder().setRequestId("chatcmpl-1").setTenantId("acme").setStatus(status)
                .setModel("mock-echo").setCreated(NOW.getEpochSecond()).setCache(cache).setError(error)
                .setTimings(Timings.newBuilder().setReceivedAt(NOW).setCompletedAt(NOW).setProviderNanos(providerNanos)
                        .build())
                .build();
    }
}
