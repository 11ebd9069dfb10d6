package io.sluice.processors.invoker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.schemas.Telemetry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registers and updates the invoker's meters; their names and tags are in {@link Telemetry}. Tag
 * values are bounded: provider types, configured upstream models, error types, topic names; never
 * a request id or user text.
 */
final class InvokerMetrics {
    private final MeterRegistry registry;
    private final Gauge inFlight;

    InvokerMetrics(MeterRegistry registry, AtomicInteger inFlight) {
        this.registry = registry;
        this.inFlight = Gauge.builder(Telemetry.INVOKER_IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("Invocation records being worked on")
                .register(registry);
    }

    /** Records one finished call; a null error type means success. */
    void call(String provider, String upstreamModel, String errorType, long nanos) {
        Counter.builder(Telemetry.INVOKER_CALLS)
                .tag(Telemetry.TAG_PROVIDER, provider)
                .tag(Telemetry.TAG_OUTCOME, errorType == null ? Telemetry.OUTCOME_SUCCESS : Telemetry.OUTCOME_ERROR)
                .register(registry)
                .increment();
        Timer.builder(Telemetry.CLIENT_OPERATION_DURATION)
                .tag(Telemetry.TAG_PROVIDER, provider)
                .tag(Telemetry.TAG_REQUEST_MODEL, upstreamModel)
                .tag(Telemetry.TAG_ERROR_TYPE, errorType == null ? Telemetry.NO_ERROR : errorType)
                .register(registry)
                .record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** Counts a record that could not be read and went to the dead-letter topic. */
    void poison(String topic) {
        Counter.builder(Telemetry.INVOKER_POISON_RECORDS).tag(Telemetry.TAG_TOPIC, topic).register(registry).increment();
    }

    /** Counts an attempt after the first. */
    void retry(String failedDeployment, boolean fallback) {
        Counter.builder(Telemetry.INVOKER_RETRIES)
                .tag(Telemetry.TAG_DEPLOYMENT, failedDeployment)
                .tag(Telemetry.TAG_KIND, fallback ? "fallback" : "retry")
                .register(registry)
                .increment();
    }

    /** Counts a circuit breaker state change this instance decided. */
    void circuit(String deployment, String state) {
        Counter.builder(Telemetry.INVOKER_CIRCUIT_CHANGES)
                .tag(Telemetry.TAG_DEPLOYMENT, deployment)
                .tag(Telemetry.TAG_OUTCOME, state)
                .register(registry)
                .increment();
    }

    void close() {
        registry.remove(inFlight);
    }
}
