package io.sluice.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ingress's metric names and tags (Micrometer names; the Prometheus names are in the docs),
 * and the meters themselves. Labels are bounded: a route name, an HTTP status, a model from the
 * catalog, never a request id or user text.
 */
public final class IngressMetrics {
    /** Counter of answered HTTP requests; Prometheus {@code sluice_ingress_requests_total{route,status}}. */
    public static final String REQUESTS = "sluice.ingress.requests";
    /** Gauge of chat requests waiting for their reply; Prometheus {@code sluice_ingress_in_flight}. */
    public static final String IN_FLIGHT = "sluice.ingress.in.flight";
    /** Timer of chat completion requests; Prometheus {@code gen_ai_server_request_duration_seconds}. */
    public static final String REQUEST_DURATION = "gen_ai.server.request.duration";

    public static final String TAG_ROUTE = "route";
    public static final String TAG_STATUS = "status";
    public static final String TAG_MODEL = "gen_ai.request.model";
    public static final String TAG_ERROR_TYPE = "error.type";

    /** The model label of a request whose model is not in the catalog (or was never read). */
    public static final String OTHER_MODEL = "_other";
    /** The {@value #TAG_ERROR_TYPE} label of a successful request. */
    public static final String NO_ERROR = "none";

    /** The OpenTelemetry GenAI bucket boundaries for request durations, in seconds. */
    private static final Duration[] DURATION_BUCKETS = durations(
            0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();

    IngressMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("Chat requests accepted by this ingress and waiting for their reply")
                .register(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    void requestAnswered(String route, int status) {
        Counter.builder(REQUESTS)
                .description("HTTP requests answered by the ingress")
                .tag(TAG_ROUTE, route)
                .tag(TAG_STATUS, Integer.toString(status))
                .register(registry)
                .increment();
    }

    Timer.Sample startTimer() {
        return Timer.start(registry);
    }

    /** Records a chat request's duration; {@code model} must already be bounded (catalog or {@link #OTHER_MODEL}). */
    void chatAnswered(Timer.Sample sample, String model, int status) {
        Timer timer = Timer.builder(REQUEST_DURATION)
                .description("Duration of GenAI chat requests served by the ingress")
                .tag(TAG_MODEL, model)
                .tag(TAG_ERROR_TYPE, status < 400 ? NO_ERROR : Integer.toString(status))
                .serviceLevelObjectives(DURATION_BUCKETS)
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
