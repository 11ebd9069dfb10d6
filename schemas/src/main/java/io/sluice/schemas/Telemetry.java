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

    // invoker
    public static final String INVOKER_IN_FLIGHT = "sluice.invoker.in.flight";
    public static final String INVOKER_CALLS = "sluice.invoker.calls";
    public static final String INVOKER_POISON_RECORDS = "sluice.invoker.poison.records";
    /** Attempts after the first, by the deployment that failed and whether the next one is a fallback. */
    public static final String INVOKER_RETRIES = "sluice.invoker.retries";
    /** Circuit breaker state changes, by deployment and new state. */
    public static final String INVOKER_CIRCUIT_CHANGES = "sluice.invoker.circuit.changes";
    public static final String CLIENT_OPERATION_DURATION = "gen_ai.client.operation.duration";

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

    // tag values
    /** {@code error.type} of a call that did not fail, so that every series has the same tags. */
    public static final String NO_ERROR = "none";
    /** {@code gen_ai.request.model} of a model outside the configured catalog. */
    public static final String OTHER_MODEL = "_other";
    public static final String OUTCOME_SUCCESS = "success";
    public static final String OUTCOME_ERROR = "error";

    private Telemetry() {}
}
