package io.sluice.ingress;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Clock;
import java.util.concurrent.Executor;

/** The ingress's routes, and what its handlers need; built once per server and shared by every channel. */
record IngressRoutes(
        IngressSettings settings,
        ApiKeyAuthenticator auth,
        ModelCatalog models,
        RequestSubmitter submitter,
        HealthMonitor health,
        PrometheusMeterRegistry registry,
        IngressMetrics metrics,
        Clock clock,
        Executor background,
        String replyTopic,
        int replyPartition,
        BudgetBoard budgets,
        FeedbackRecorder feedback,
        MetricsBoard dashboard,
        AdminHandler admin,
        BatchApi batches) {

    static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    static final String MODELS = "/v1/models";
    static final String BUDGETS = "/v1/budgets";
    static final String FEEDBACK = "/v1/feedback";
    static final String HEALTH = "/health";
    static final String LIVE = "/health/live";
    static final String METRICS = "/metrics";
    static final String DASHBOARD = "/dashboard";
    static final String DASHBOARD_DATA = "/dashboard/data";

    /**
     * The largest body {@code request} may have, decided on its head: a batch file upload may be
     * larger than other requests, but only with a valid tenant key, so that no anonymous client
     * makes the ingress buffer a file's worth of bytes.
     */
    int maxBodyBytes(io.netty.handler.codec.http.HttpRequest request) {
        return batches != null && FilesHandler.FILES.equals(RouteTable.path(request.uri()))
                && Authentication.presentsTenantKey(auth, request) ? uploadBytes() : settings.maxBodyBytes();
    }

    /** The largest body any route takes. */
    int maxAnyBodyBytes() {
        return batches == null ? settings.maxBodyBytes() : Math.max(settings.maxBodyBytes(), uploadBytes());
    }

    /** A batch file plus room for the multipart framing and the purpose field. */
    private int uploadBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 1024, batches.limits().maxFileBytes() + 64L * 1024);
    }

    /** The checks the router makes before a handler runs. */
    Perimeter perimeter() {
        return new Perimeter(auth, settings.trustedProxies());
    }

    RouteTable table() {
        var parser = new ChatRequestParser(settings.maxJsonDepth(), settings.maxBodyBytes());
        var chat = new ChatCompletionsHandler(auth, models, parser, submitter, metrics, clock,
                settings.requestTimeout(), replyTopic, replyPartition);
        var table = RouteTable.builder();
        if (budgets != null) {
            table.route("budgets", HttpMethod.GET, BUDGETS, new BudgetsHandler(auth, budgets));
        }
        if (feedback != null) {
            table.route("feedback", HttpMethod.POST, FEEDBACK, new FeedbackHandler(auth, models, parser, feedback, clock));
        }
        if (dashboard != null) {
            table.route("dashboard", HttpMethod.GET, DASHBOARD, new DashboardPage())
                    .route("dashboard_data", HttpMethod.GET, DASHBOARD_DATA,
                            new DashboardDataHandler(auth, dashboard, background));
        }
        if (admin != null) {
            admin.addTo(table);
        }
        if (batches != null) {
            new FilesHandler(batches).addTo(table);
            new BatchesHandler(batches).addTo(table);
        }
        return table
                .route("chat_completions", HttpMethod.POST, CHAT_COMPLETIONS, chat)
                .route("models", HttpMethod.GET, MODELS, new ModelsHandler(auth, models, clock.instant().getEpochSecond()))
                .route("health", HttpMethod.GET, HEALTH, HealthHandler.ready(health))
                .route("health_live", HttpMethod.GET, LIVE, HealthHandler.live())
                .route("metrics", HttpMethod.GET, METRICS, new MetricsHandler(registry, background),
                        settings.metricsRequireAdmin())
                .build();
    }
}
