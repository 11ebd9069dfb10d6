package io.sluice.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.schemas.Telemetry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ingress's meters, named and tagged as {@link Telemetry} says; Prometheus shows them as
 * {@code sluice_ingress_requests_total{route,status}}, {@code sluice_ingress_in_flight} and
 * {@code gen_ai_server_request_duration_seconds{gen_ai_request_model,error_type}} and
 * {@code gen_ai_server_time_to_first_token_seconds{gen_ai_request_model}}. Labels are
 * bounded: a route name, an HTTP status, a model from the catalog, never a request id or user text.
 */
final class IngressMetrics {
    /** The OpenTelemetry GenAI bucket boundaries for request durations, in seconds. */
    private static final Duration[] DURATION_BUCKETS = durations(
            0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

    /** The OpenTelemetry GenAI bucket boundaries for time to first token, in seconds. */
    private static final Duration[] FIRST_TOKEN_BUCKETS = durations(
            0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();

    IngressMetrics(MeterRegistry registry) {
        this.registry = registry;
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
     * Records a chat request's duration; {@code model} must already be bounded (catalog or
     * {@link Telemetry#OTHER_MODEL}).
     */
    void chatAnswered(Timer.Sample sample, String model, int status) {
        Timer timer = Timer.builder(Telemetry.SERVER_REQUEST_DURATION)
                .description("Duration of GenAI chat requests served by the ingress")
                .tag(Telemetry.TAG_REQUEST_MODEL, model)
                .tag(Telemetry.TAG_ERROR_TYPE, status < 400 ? Telemetry.NO_ERROR : Integer.toString(status))
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry);
        sample.stop(timer);
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
