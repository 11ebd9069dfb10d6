package io.sluice.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.avro.AiResponse;
import io.sluice.avro.BudgetStatus;
import io.sluice.avro.ResponseStatus;
import io.sluice.schemas.BoundedValues;
import io.sluice.schemas.ErrorTypes;
import io.sluice.schemas.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The ingress's meters, named and tagged as {@link Telemetry} says. Prometheus shows them as
 * {@code sluice_ingress_requests_total{route,status}} (every HTTP answer),
 * {@code sluice_ingress_in_flight}, and for chat requests
 * {@code gen_ai_server_request_duration_seconds{gen_ai_request_model,error_type}},
 * {@code gen_ai_server_time_to_first_token_seconds{gen_ai_request_model}},
 * {@code sluice_requests_total{outcome,gen_ai_request_model,error_type}} (the OpenAI error type),
 * {@code sluice_rejections_total{reason}} (the OpenAI error code), {@code sluice_gateway_overhead_seconds},
 * {@code sluice_cache_lookups_total{result,gen_ai_request_model}}, and per configured budget
 * {@code sluice_budget_remaining_microdollars} and {@code sluice_budget_limit_microdollars}
 * {@code {tenant,scope,period}}. Labels are bounded: a route name, an HTTP status, a model from the
 * catalog, an error type or code (at most {@value #MAX_ERROR_NAMES} distinct ones), a configured budget;
 * never a request id or user text.
 */
final class IngressMetrics {
    private static final Duration[] DURATION_BUCKETS = durations(Telemetry.durationBucketsSeconds());
    private static final Duration[] FIRST_TOKEN_BUCKETS = durations(Telemetry.firstTokenBucketsSeconds());
    private static final Duration[] OVERHEAD_BUCKETS = durations(Telemetry.overheadBucketsSeconds());
    /** Error types and codes come from Sluice itself and from upstreams; a misbehaving upstream adds no more than this. */
    static final int MAX_ERROR_NAMES = 100;
    /** What a request whose client went away counts as: 499 (nginx's), as the invoker records it too. */
    private static final ApiError CLIENT_CLOSED = new ApiError(Exchange.CLIENT_CLOSED, ErrorTypes.CANCELLED,
            "client_closed_request", "The client went away before the answer.", null, null);

    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final BoundedValues errorNames = new BoundedValues(MAX_ERROR_NAMES);
    private final Map<String, List<Meter>> budgetGauges = new ConcurrentHashMap<>();

    IngressMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    /** @param clock decides whether a budget's period has ended (then all of its limit is left) */
    IngressMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder(Telemetry.INGRESS_IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("Chat requests accepted by this ingress and waiting for their reply")
                .register(registry);
    }

    void requestAnswered(String route, int status) {
        Counter.builder(Telemetry.INGRESS_REQUESTS)
                .description("HTTP requests answered by the ingress")
                .tag(Telemetry.TAG_ROUTE, route)
                .tag(Telemetry.TAG_STATUS, Integer.toString(status))
                .register(registry)
                .increment();
    }

    Timer.Sample startTimer() {
        return Timer.start(registry);
    }

    /**
     * Records a chat request's answer: its duration, its outcome, and when the pipeline answered
     * it ({@code response} not null), the gateway's overhead and the cache lookup.
     *
     * @param model    already bounded (catalog or {@link Telemetry#OTHER_MODEL})
     * @param response the final response the answer came from, or null when the ingress answered alone
     * @param failure  the error the client got, or null for a success
     */
    void chatAnswered(Timer.Sample sample, String model, AiResponse response, ApiError failure) {
        int status = failure == null ? 200 : failure.status();
        Timer timer = Timer.builder(Telemetry.SERVER_REQUEST_DURATION)
                .description("Duration of GenAI chat requests served by the ingress")
                .tag(Telemetry.TAG_REQUEST_MODEL, model)
                .tag(Telemetry.TAG_ERROR_TYPE, status < 400 ? Telemetry.NO_ERROR : Integer.toString(status))
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry);
        long totalNanos = sample.stop(timer);
        String outcome = outcome(response, failure);
        Counter.builder(Telemetry.REQUESTS)
                .description("Chat requests answered, by outcome and error type")
                .tag(Telemetry.TAG_OUTCOME, outcome)
                .tag(Telemetry.TAG_REQUEST_MODEL, model)
                .tag(Telemetry.TAG_ERROR_TYPE, failure == null ? Telemetry.NO_ERROR
                        : errorNames.of(failure.type(), Telemetry.UNKNOWN))
                .register(registry)
                .increment();
        if (Telemetry.OUTCOME_REJECTED.equals(outcome)) {
            Counter.builder(Telemetry.REJECTIONS)
                    .description("Chat requests refused by the ingress or the gateway, by error code")
                    .tag(Telemetry.TAG_REASON, errorNames.of(failure.code() != null ? failure.code() : failure.type(),
                            Telemetry.UNKNOWN))
                    .register(registry)
                    .increment();
        }
        if (response != null) {
            pipelineAnswered(model, response, totalNanos);
        }
    }

    /** Records a chat request whose client went away before its answer: an error of type {@code cancelled}. */
    void chatAbandoned(Timer.Sample sample, String model) {
        chatAnswered(sample, model, null, CLIENT_CLOSED);
    }

    /** Success; rejected when Sluice refused the request (the gateway said so, or a 4xx of the ingress's own); else error. */
    static String outcome(AiResponse response, ApiError failure) {
        if (failure == null) {
            return Telemetry.OUTCOME_SUCCESS;
        }
        if (response != null && response.getStatus() != ResponseStatus.SUCCESS) {
            return response.getStatus() == ResponseStatus.REJECTED ? Telemetry.OUTCOME_REJECTED : Telemetry.OUTCOME_ERROR;
        }
        return failure.status() < 500 && failure.status() != Exchange.CLIENT_CLOSED
                ? Telemetry.OUTCOME_REJECTED : Telemetry.OUTCOME_ERROR;
    }

    private void pipelineAnswered(String model, AiResponse response, long totalNanos) {
        long providerNanos = response.getTimings() == null ? 0 : response.getTimings().getProviderNanos();
        Timer.builder(Telemetry.GATEWAY_OVERHEAD)
                .description("Time a chat request spent in Sluice rather than at a provider: total minus provider time")
                .serviceLevelObjectives(OVERHEAD_BUCKETS)
                .register(registry)
                .record(Math.max(0, totalNanos - providerNanos), TimeUnit.NANOSECONDS);
        String cache = response.getCache();
        if (Telemetry.CACHE_HIT.equals(cache) || Telemetry.CACHE_MISS.equals(cache)) {
            Counter.builder(Telemetry.CACHE_LOOKUPS)
                    .description("Response cache lookups of chat requests, by result")
                    .tag(Telemetry.TAG_RESULT, cache)
                    .tag(Telemetry.TAG_REQUEST_MODEL, model)
                    .register(registry)
                    .increment();
        }
    }

    /**
     * Records the time from the request's arrival to the first streamed chunk written to the
     * client; {@code model} must come from the catalog.
     */
    void firstToken(Timer.Sample sample, String model) {
        Timer timer = Timer.builder(Telemetry.SERVER_TIME_TO_FIRST_TOKEN)
                .description("Time from a streamed GenAI chat request's arrival to its first chunk")
                .tag(Telemetry.TAG_REQUEST_MODEL, model)
                .serviceLevelObjectives(FIRST_TOKEN_BUCKETS)
                .register(registry);
        sample.stop(timer);
    }

    /**
     * Publishes a budget the board saw for the first time; {@code current} is read at each scrape.
     * Budgets are configured, so their series are bounded by the configuration.
     */
    void budgetAdded(String key, BudgetStatus first, Supplier<BudgetStatus> current) {
        budgetGauges.computeIfAbsent(key, k -> List.of(
                budgetGauge(Telemetry.BUDGET_REMAINING, "What is left of the budget in its current period",
                        first, current, this::remaining),
                budgetGauge(Telemetry.BUDGET_LIMIT, "The budget's limit per period", first, current,
                        status -> status.getLimitMicros())));
    }

    void budgetRemoved(String key) {
        List<Meter> gauges = budgetGauges.remove(key);
        if (gauges != null) {
            gauges.forEach(registry::remove);
        }
    }

    private Meter budgetGauge(String name, String description, BudgetStatus first, Supplier<BudgetStatus> current,
            ToDoubleFunction<BudgetStatus> value) {
        return Gauge.builder(name, () -> {
                    BudgetStatus status = current.get();
                    return status == null ? Double.NaN : value.applyAsDouble(status);
                })
                .description(description)
                .baseUnit(Telemetry.UNIT_MICRODOLLARS)
                .tag(Telemetry.TAG_TENANT, first.getTenantId())
                .tag(Telemetry.TAG_SCOPE, first.getScope())
                .tag(Telemetry.TAG_PERIOD, first.getPeriod())
                .strongReference(true)
                .register(registry);
    }

    /** Limit minus committed and reserved; once the period is over, the next one starts with all of it. */
    private double remaining(BudgetStatus status) {
        if (!clock.instant().isBefore(status.getPeriodEnd())) {
            return status.getLimitMicros();
        }
        return status.getLimitMicros() - status.getCommittedMicros() - status.getReservedMicros();
    }

    void inFlightIncrement() {
        inFlight.incrementAndGet();
    }

    void inFlightDecrement() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    private static Duration[] durations(double... seconds) {
        Duration[] result = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            result[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return result;
    }
}
