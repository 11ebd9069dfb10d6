package io.sluice.ingress;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format, or OpenMetrics when the
 * scraper asks for it. The scrape runs on the background executor, not on the event loop.
 */
final class MetricsHandler implements RouteTable.Handler {
    private static final Logger log = LoggerFactory.getLogger(MetricsHandler.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final Executor background;

    MetricsHandler(PrometheusMeterRegistry registry, Executor background) {
        this.registry = registry;
        this.background = background;
    }

    @Override
    public void handle(Exchange exchange) {
        String accept = exchange.request().headers().get(HttpHeaderNames.ACCEPT);
        String contentType = accept != null && accept.contains("application/openmetrics-text")
                ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
        try {
            background.execute(() -> exchange.respond(scrape(contentType)));
        } catch (RejectedExecutionException e) {
            exchange.respond(ApiError.shuttingDown());
        }
    }

    private io.netty.handler.codec.http.FullHttpResponse scrape(String contentType) {
        try {
            return HttpResponses.text(HttpResponseStatus.OK, registry.scrape(contentType), contentType);
        } catch (RuntimeException e) {
            log.error("metrics.scrape_failed", e);
            return HttpResponses.error(ApiError.internal());
        }
    }
}
