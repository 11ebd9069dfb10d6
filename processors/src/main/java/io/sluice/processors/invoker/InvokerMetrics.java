package io.sluice.processors.invoker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The invoker's metric names and tags. Names follow Micrometer's dotted convention; the Prometheus
 * names are given with each. Tag values are bounded: provider types, configured upstream models,
 * error types; never a request id or user text.
 */
public final class InvokerMetrics {
    /** Gauge of records being worked on; Prometheus {@code sluice_invoker_in_flight}. */
    public static final String IN_FLIGHT = "sluice.invoker.in.flight";
    /** Counter of finished provider calls; Prometheus {@code sluice_invoker_calls_total}. */
    public static final String CALLS = "sluice.invoker.calls";
    /** Counter of skipped undecodable records; Prometheus {@code sluice_invoker_poison_records_total}. */
    public static final String POISON_RECORDS = "sluice.invoker.poison.records";
    /** Timer of provider calls (OpenTelemetry GenAI); Prometheus {@code gen_ai_client_operation_duration_seconds}. */
    public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

    public static final String TAG_PROVIDER = "provider";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_TOPIC = "topic";
    public static final String GEN_AI_PROVIDER_NAME = "gen_ai.provider.name";
    public static final String GEN_AI_REQUEST_MODEL = "gen_ai.request.model";
    public static final String ERROR_TYPE = "error.type";

    public static final String OUTCOME_SUCCESS = "success";
    public static final String OUTCOME_ERROR = "error";
    /** The {@value #ERROR_TYPE} of a successful call, so that every series has the same tags. */
    public static final String NO_ERROR = "none";

    private final MeterRegistry registry;
    private final Gauge inFlight;

    InvokerMetrics(MeterRegistry registry, AtomicInteger inFlight) {
        this.registry = registry;
        this.inFlight = Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("Invocation records being worked on")
                .register(registry);
    }

    /** Records one finished call; a null error type means success. */
    void call(String provider, String upstreamModel, String errorType, long nanos) {
        Counter.builder(CALLS)
                .tag(TAG_PROVIDER, provider)
                .tag(TAG_OUTCOME, errorType == null ? OUTCOME_SUCCESS : OUTCOME_ERROR)
                .register(registry)
                .increment();
        Timer.builder(OPERATION_DURATION)
                .tag(GEN_AI_PROVIDER_NAME, provider)
                .tag(GEN_AI_REQUEST_MODEL, upstreamModel)
                .tag(ERROR_TYPE, errorType == null ? NO_ERROR : errorType)
                .register(registry)
                .record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    void poison(String topic) {
        Counter.builder(POISON_RECORDS).tag(TAG_TOPIC, topic).register(registry).increment();
    }

    void close() {
        registry.remove(inFlight);
    }
}
