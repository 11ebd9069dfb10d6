package io.sluice.schemas;

/**
 * Every metric name and tag Sluice publishes, in one place. OpenTelemetry GenAI names where they
 * exist ({@code gen_ai.*}, {@code error.type}), {@code sluice.*} for the rest. Micrometer renders
 * them for Prometheus ({@code gen_ai.server.request.duration} becomes
 * {@code gen_ai_server_request_duration_seconds}). Tag values must come from bounded sets: never
 * a request id, a tenant-supplied string or user text.
 */
public final class Telemetry {
    // ingress
    public static final String INGRESS_REQUESTS = "sluice.ingress.requests";
    public static final String INGRESS_IN_FLIGHT = "sluice.ingress.in.flight";
    public static final String SERVER_REQUEST_DURATION = "gen_ai.server.request.duration";
    public static final String SERVER_TIME_TO_FIRST_TOKEN = "gen_ai.server.time_to_first_token";
    /** Chat requests answered, by outcome ({@code success}, {@code rejected}, {@code error}) and OpenAI error type. */
    public static final String REQUESTS = "sluice.requests";
    /** Requests refused (by the ingress or the gateway), by the OpenAI error code they were answered with. */
    public static final String REJECTIONS = "sluice.rejections";
    /** Time a request spent in Sluice rather than waiting for a provider: total minus provider time. */
    public static final String GATEWAY_OVERHEAD = "sluice.gateway.overhead";
    /** Response cache lookups, by result ({@code hit}, {@code miss}). */
    public static final String CACHE_LOOKUPS = "sluice.cache.lookups";
    /** What is left of a configured budget in its current period, in micro-dollars. */
    public static final String BUDGET_REMAINING = "sluice.budget.remaining";
    /** A configured budget's limit, in micro-dollars. */
    public static final String BUDGET_LIMIT = "sluice.budget.limit";

    // invoker
    public static final String INVOKER_IN_FLIGHT = "sluice.invoker.in.flight";
    public static final String INVOKER_CALLS = "sluice.invoker.calls";
    public static final String INVOKER_POISON_RECORDS = "sluice.invoker.poison.records";
    /** Attempts after the first, by the deployment that failed and whether the next one is a fallback. */
    public static final String INVOKER_RETRIES = "sluice.invoker.retries";
    /** Circuit breaker state changes, by deployment and new state. */
    public static final String INVOKER_CIRCUIT_CHANGES = "sluice.invoker.circuit.changes";
    /** Batch records being worked on (part of {@link #INVOKER_IN_FLIGHT}). */
    public static final String INVOKER_BATCH_IN_FLIGHT = "sluice.invoker.batch.in.flight";
    /** Batch records read and waiting: outside their tenant's window, or for room. */
    public static final String INVOKER_BATCH_HELD = "sluice.invoker.batch.held";
    /** 1 while batch consumption is paused (capacity guard closed, or the hold full), else 0. */
    public static final String INVOKER_BATCH_PAUSED = "sluice.invoker.batch.paused";
    /** Batch records started outside their window because their batch deadline was near. */
    public static final String INVOKER_BATCH_DEADLINE_OVERRIDES = "sluice.invoker.batch.deadline.overrides";
    public static final String CLIENT_OPERATION_DURATION = "gen_ai.client.operation.duration";
    /** Tokens of one provider call, by {@code gen_ai.token.type}; a distribution, as OpenTelemetry defines it. */
    public static final String CLIENT_TOKEN_USAGE = "gen_ai.client.token.usage";
    /** Tokens of provider calls by tenant and configured model; its rate is tokens per second. */
    public static final String TOKENS = "sluice.tokens";
    /** Cost of provider calls in micro-dollars, by tenant, configured model and provider. */
    public static final String COST = "sluice.cost";

    // every component that consumes
    /** Records not yet read by this instance, summed over its partitions of one topic. */
    public static final String CONSUMER_LAG = "sluice.consumer.lag";

    // base units (Micrometer appends them to the Prometheus name)
    public static final String UNIT_MICRODOLLARS = "microdollars";
    public static final String UNIT_RECORDS = "records";

    // sinks
    /** Records the file sink landed in finished files, by topic. */
    public static final String SINK_FILES_RECORDS = "sluice.sink.files.records";
    /** Files the file sink finished (renamed from their temporary name), by topic. */
    public static final String SINK_FILES_FINISHED = "sluice.sink.files.finished";

    // tags
    public static final String TAG_ROUTE = "route";
    public static final String TAG_STATUS = "status";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_TOPIC = "topic";
    /** A configured deployment name (bounded by configuration). */
    public static final String TAG_DEPLOYMENT = "deployment";
    /** {@code retry} or {@code fallback}. */
    public static final String TAG_KIND = "kind";
    public static final String TAG_PROVIDER = "gen_ai.provider.name";
    public static final String TAG_REQUEST_MODEL = "gen_ai.request.model";
    public static final String TAG_ERROR_TYPE = "error.type";
    /** The model the provider says answered; bounded by {@link BoundedValues}. */
    public static final String TAG_RESPONSE_MODEL = "gen_ai.response.model";
    /** {@code input} or {@code output}. */
    public static final String TAG_TOKEN_TYPE = "gen_ai.token.type";
    /**
     * A configured tenant (team). Tenants are a configured, bounded set: the ingress only knows
     * configured keys, and the gateway rejects requests of unknown tenants before any provider call.
     */
    public static final String TAG_TENANT = "tenant";
    /** A model from the configuration (after aliases, tiering and fallbacks). */
    public static final String TAG_MODEL = "model";
    /** An OpenAI error code ({@code rate_limit_exceeded}, {@code invalid_api_key}, ...). */
    public static final String TAG_REASON = "reason";
    /** {@code hit} or {@code miss}. */
    public static final String TAG_RESULT = "result";
    /** A budget's scope: {@code tenant} or {@code app:<configured app>}. */
    public static final String TAG_SCOPE = "scope";
    /** A budget's period: {@code day} or {@code month}. */
    public static final String TAG_PERIOD = "period";
    /** The pipeline stage a consumer belongs to: {@code gateway}, {@code invoker}, {@code sink-postgres}, ... */
    public static final String TAG_STAGE = "stage";

    // tag values
    /** {@code error.type} of a call that did not fail, so that every series has the same tags. */
    public static final String NO_ERROR = "none";
    /** A tag value outside the bounded set the tag keeps (see {@link BoundedValues}). */
    public static final String OTHER = "_other";
    /** {@code gen_ai.request.model} of a model outside the configured catalog. */
    public static final String OTHER_MODEL = OTHER;
    public static final String OUTCOME_SUCCESS = "success";
    public static final String OUTCOME_ERROR = "error";
    public static final String OUTCOME_REJECTED = "rejected";
    /** A tag value that is not known (a response model the provider did not name, say). */
    public static final String UNKNOWN = "_unknown";
    public static final String TOKEN_INPUT = "input";
    public static final String TOKEN_OUTPUT = "output";
    public static final String CACHE_HIT = "hit";
    public static final String CACHE_MISS = "miss";

    /** OpenTelemetry's advised bucket boundaries for GenAI operation and request durations, in seconds. */
    public static double[] durationBucketsSeconds() {
        return new double[] {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92};
    }

    /** OpenTelemetry's advised bucket boundaries for time to first token, in seconds. */
    public static double[] firstTokenBucketsSeconds() {
        return new double[] {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0};
    }

    /** OpenTelemetry's advised bucket boundaries for {@link #CLIENT_TOKEN_USAGE}, in tokens. */
    public static double[] tokenBuckets() {
        return new double[] {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864};
    }

    /**
     * Bucket boundaries for {@link #GATEWAY_OVERHEAD}, in seconds: Sluice's own share of a request
     * is expected in milliseconds, so the buckets are finer there than the GenAI ones.
     */
    public static double[] overheadBucketsSeconds() {
        return new double[] {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};
    }

    private Telemetry() {}
}
