package io.sluice.ingress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the health checks off the event loop and keeps the latest results, which
 * {@code GET /health} serves without waiting. Until the first refresh every check reads as down.
 */
final class HealthMonitor {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    /** The latest results, in check order; {@code up} when every check is. */
    record Snapshot(boolean up, Map<String, HealthCheck.Result> results) {
        Snapshot {
            results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
        }
    }

    private final List<HealthCheck> checks;
    private volatile Snapshot snapshot;

    HealthMonitor(List<HealthCheck> checks) {
        Set<String> names = new HashSet<>();
        for (HealthCheck check : checks) {
            if (!names.add(check.name())) {
                throw new IllegalArgumentException("health check " + check.name() + " is registered twice");
            }
        }
        this.checks = List.copyOf(checks);
        Map<String, HealthCheck.Result> initial = new LinkedHashMap<>();
        checks.forEach(check -> initial.put(check.name(), HealthCheck.Result.down("not evaluated yet")));
        this.snapshot = new Snapshot(checks.isEmpty(), initial);
    }

    /** Evaluates every check now, on the calling thread; a check that throws is down. */
    void refresh() {
        Map<String, HealthCheck.Result> results = new LinkedHashMap<>();
        boolean up = true;
        for (HealthCheck check : checks) {
            HealthCheck.Result result = evaluate(check);
            results.put(check.name(), result);
            up &= result.up();
        }
        Snapshot previous = snapshot;
        snapshot = new Snapshot(up, results);
        if (previous.up() != up) {
            log.info("health.changed status={} checks={}", up ? "UP" : "DOWN", results);
        }
    }

    private static HealthCheck.Result evaluate(HealthCheck check) {
        try {
            HealthCheck.Result result = check.check();
            return result == null ? HealthCheck.Result.down("check returned nothing") : result;
        } catch (RuntimeException e) {
            log.debug("health.check_failed check={} error={}", check.name(), e.toString());
            return HealthCheck.Result.down(e.getClass().getSimpleName());
        }
    }

    Snapshot snapshot() {
        return snapshot;
    }
}
