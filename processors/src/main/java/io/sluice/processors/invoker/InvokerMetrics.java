package io.sluice.processors.invoker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.avro.AiResponse;
import io.sluice.avro.ErrorInfo;
import io.sluice.avro.Invocation;
import io.sluice.avro.Usage;
import io.sluice.schemas.BoundedValues;
import io.sluice.schemas.Telemetry;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registers and updates the invoker's meters; their names and tags are in {@link Telemetry}. Tag
 * values are bounded: provider types, configured upstream models and deployments, configured
 * tenants (the gateway refuses others before they reach the invoker), error types, topic names.
 * What a provider reports (the response model) and the tenant are kept to a bounded set as well,
 * in case an upstream or a producer misbehaves. Never a request id or user text.
 */
final class InvokerMetrics {
    private static final Duration[] DURATION_BUCKETS = Arrays.stream(Telemetry.durationBucketsSeconds())
            .mapToObj(seconds -> Duration.ofNanos(Math.round(seconds * 1e9))).toArray(Duration[]::new);
    /** Response models a provider may name; a compatible server could name anything. */
    private static final int MAX_RESPONSE_MODELS = 100;
    private static final int MAX_TENANTS = 1_000;
    private static final int MAX_MODELS = 1_000;

    private final MeterRegistry registry;
    private final Gauge inFlight;
    private final java.util.List<Gauge> batchGauges = new java.util.ArrayList<>();
    private final BoundedValues responseModels = new BoundedValues(MAX_RESPONSE_MODELS);
    private final BoundedValues tenants = new BoundedValues(MAX_TENANTS);
    private final BoundedValues models = new BoundedValues(MAX_MODELS);

    InvokerMetrics(MeterRegistry registry, AtomicInteger inFlight) {
        this.registry = registry;
        this.inFlight = Gauge.builder(Telemetry.INVOKER_IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("Invocation records being worked on")
                .register(registry);
    }

    /**
     * Records one finished invocation ({@code invocation} names the deployment that answered): the
     * call's outcome and duration, and when the response has usage, its tokens and cost.
     */
    void answered(Invocation invocation, AiResponse response, long providerNanos) {
        String provider = invocation.getProvider();
        String upstreamModel = invocation.getUpstreamModel();
        ErrorInfo error = response.getError();
        String responseModel = responseModels.of(response.getResponseModel(), Telemetry.UNKNOWN);
        Counter.builder(Telemetry.INVOKER_CALLS)
                .description("Invocations finished by this invoker")
                .tag(Telemetry.TAG_PROVIDER, provider)
                .tag(Telemetry.TAG_OUTCOME, error == null ? Telemetry.OUTCOME_SUCCESS : Telemetry.OUTCOME_ERROR)
                .register(registry)
                .increment();
        Timer.builder(Telemetry.CLIENT_OPERATION_DURATION)
                .description("Duration of the provider calls of one invocation, retries and fallbacks included")
                .tag(Telemetry.TAG_PROVIDER, provider)
                .tag(Telemetry.TAG_REQUEST_MODEL, upstreamModel)
                .tag(Telemetry.TAG_RESPONSE_MODEL, responseModel)
                .tag(Telemetry.TAG_ERROR_TYPE, error == null ? Telemetry.NO_ERROR : error.getType())
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry)
                .record(Math.max(0, providerNanos), TimeUnit.NANOSECONDS);
        Usage usage = response.getUsage();
        if (usage == null) {
            return;
        }
        tokenUsage(provider, upstreamModel, responseModel, Telemetry.TOKEN_INPUT, usage.getPromptTokens());
        tokenUsage(provider, upstreamModel, responseModel, Telemetry.TOKEN_OUTPUT, usage.getCompletionTokens());
        String tenant = tenants.of(invocation.getRequest().getTenantId(), Telemetry.UNKNOWN);
        String model = models.of(response.getServedModel(), upstreamModel);
        tokens(tenant, model, Telemetry.TOKEN_INPUT, usage.getPromptTokens());
        tokens(tenant, model, Telemetry.TOKEN_OUTPUT, usage.getCompletionTokens());
        Counter.builder(Telemetry.COST)
                .description("Cost of provider calls, at the configured prices")
                .baseUnit(Telemetry.UNIT_MICRODOLLARS)
                .tag(Telemetry.TAG_TENANT, tenant)
                .tag(Telemetry.TAG_MODEL, model)
                .tag(Telemetry.TAG_PROVIDER, provider)
                .register(registry)
                .increment(Math.max(0, response.getCostMicros()));
    }

    private void tokenUsage(String provider, String requestModel, String responseModel, String type, int count) {
        DistributionSummary.builder(Telemetry.CLIENT_TOKEN_USAGE)
                .description("Tokens of one provider call, by token type")
                .tag(Telemetry.TAG_PROVIDER, provider)
                .tag(Telemetry.TAG_REQUEST_MODEL, requestModel)
                .tag(Telemetry.TAG_RESPONSE_MODEL, responseModel)
                .tag(Telemetry.TAG_TOKEN_TYPE, type)
                .serviceLevelObjectives(Telemetry.tokenBuckets())
                .register(registry)
                .record(Math.max(0, count));
    }

    private void tokens(String tenant, String model, String type, int count) {
        Counter.builder(Telemetry.TOKENS)
                .description("Tokens of provider calls, by tenant and configured model")
                .tag(Telemetry.TAG_TENANT, tenant)
                .tag(Telemetry.TAG_MODEL, model)
                .tag(Telemetry.TAG_TOKEN_TYPE, type)
                .register(registry)
                .increment(Math.max(0, count));
    }

    /** Registers the batch lane's gauges: records in flight and held, and whether consumption is paused. */
    void batch(AtomicInteger batchInFlight, java.util.function.IntSupplier held,
            java.util.function.BooleanSupplier paused) {
        batchGauges.add(Gauge.builder(Telemetry.INVOKER_BATCH_IN_FLIGHT, batchInFlight, AtomicInteger::get)
                .description("Batch invocation records being worked on").register(registry));
        batchGauges.add(Gauge.builder(Telemetry.INVOKER_BATCH_HELD, held, java.util.function.IntSupplier::getAsInt)
                .description("Batch invocation records read and waiting for their window or for room")
                .register(registry));
        batchGauges.add(Gauge.builder(Telemetry.INVOKER_BATCH_PAUSED, paused, p -> p.getAsBoolean() ? 1 : 0)
                .description("1 while batch consumption is paused by the capacity guard or a full hold")
                .register(registry));
    }

    /** Counts a batch record started outside its tenant's window because its deadline was near. */
    void deadlineOverride(String tenantId) {
        Counter.builder(Telemetry.INVOKER_BATCH_DEADLINE_OVERRIDES)
                .tag(Telemetry.TAG_TENANT, tenants.of(tenantId, Telemetry.UNKNOWN))
                .register(registry)
                .increment();
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
        batchGauges.forEach(registry::remove);
    }
}
