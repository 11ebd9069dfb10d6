package io.sluice.ingress;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /health} (readiness: 200 UP when every check is up, else 503 DOWN, from the cached
 * snapshot) and {@code GET /health/live} (200 while the process serves HTTP).
 */
final class HealthHandler {
    private HealthHandler() {
    }

    static RouteTable.Handler ready(HealthMonitor monitor) {
        return exchange -> {
            HealthMonitor.Snapshot snapshot = monitor.snapshot();
            HttpResponseStatus status = snapshot.up() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE;
            exchange.respond(HttpResponses.json(status, OpenAiJson.health(snapshot.up(), snapshot.results())));
        };
    }

    static RouteTable.Handler live() {
        return exchange -> exchange.respond(HttpResponses.json(HttpResponseStatus.OK, OpenAiJson.live()));
    }
}
