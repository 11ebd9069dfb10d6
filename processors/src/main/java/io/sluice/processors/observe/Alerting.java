package io.sluice.processors.observe;

import io.sluice.avro.Alert;
import io.sluice.avro.MetricsRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides the alerts of closed minutes: {@code latency_p95} and {@code error_rate} per tenant x
 * model, {@code cost_anomaly} per tenant against an exponentially weighted trailing baseline of its
 * spend per minute. Which alerts fire, and each tenant's baseline, live in a store, so each
 * condition fires once and clears once across restarts.
 */
final class Alerting {
    static final String STORE = "alert-states";
    static final String LATENCY = "latency_p95";
    static final String ERRORS = "error_rate";
    static final String COST = "cost_anomaly";
    private static final String FIRING = "firing|";
    private static final String BASELINE = "baseline|";

    private final AlertRules rules;
    private final KeyValueStore<String, String> states;

    Alerting(AlertRules rules, KeyValueStore<String, String> states) {
        this.rules = rules;
        this.states = states;
    }

    /** Alerts from the first publication of {@code closed}: one tenant's windows of one minute. */
    List<Alert> onMinute(String tenant, long windowStart, List<MetricsRecord> closed, Instant now) {
        List<Alert> alerts = new ArrayList<>();
        long spend = 0;
        for (MetricsRecord window : closed) {
            spend += window.getCostMicros();
            String subject = "model:" + window.getModel();
            if (window.getSuccesses() >= rules.minRequests()) {
                double p95 = window.getLatencyP95Ms();
                decide(alerts, LATENCY, tenant, subject, p95 > rules.latencyP95Millis(),
                        p95 < rules.latencyP95Millis() * rules.latencyClearRatio(), now,
                        "p95 latency of %s was %.0f ms in the minute from %s (threshold %.0f ms)".formatted(
                                window.getModel(), p95, window.getWindowStart(), rules.latencyP95Millis()),
                        Map.of("p95Ms", fmt(p95), "thresholdMs", fmt(rules.latencyP95Millis()),
                                "windowStart", window.getWindowStart().toString()));
            } else if (isFiring(LATENCY, tenant, subject)) {
                touch(LATENCY, tenant, subject, now);
            }
            if (window.getRequests() >= rules.minRequests()) {
                double rate = (double) window.getErrors() / window.getRequests();
                decide(alerts, ERRORS, tenant, subject, rate >= rules.errorRate(),
                        rate < rules.errorRate() * rules.errorClearRatio(), now,
                        "error rate of %s was %.1f %% in the minute from %s (threshold %.1f %%)".formatted(
                                window.getModel(), rate * 100, window.getWindowStart(), rules.errorRate() * 100),
                        Map.of("errorRate", fmt(rate), "threshold", fmt(rules.errorRate()),
                                "errors", String.valueOf(window.getErrors()),
                                "requests", String.valueOf(window.getRequests()),
                                "windowStart", window.getWindowStart().toString()));
            } else if (isFiring(ERRORS, tenant, subject)) {
                touch(ERRORS, tenant, subject, now);
            }
        }
        cost(alerts, tenant, windowStart, spend, now);
        return alerts;
    }

    private void cost(List<Alert> alerts, String tenant, long windowStart, long spend, Instant now) {
        String key = BASELINE + tenant;
        String stored = states.get(key);
        double mean = 0;
        long minutes = 0;
        if (stored != null) {
            String[] parts = stored.split(" ");
            mean = Double.parseDouble(parts[0]);
            minutes = Long.parseLong(parts[1]);
            long last = Long.parseLong(parts[2]);
            if (windowStart <= last) {
                return;
            }
            long quiet = (windowStart - last) / MinuteWindow.MINUTE - 1;
            mean *= Math.pow(1 - rules.costWeight(), quiet);
            minutes += quiet;
        }
        if (minutes >= rules.costWarmup()) {
            decide(alerts, COST, tenant, "tenant", spend >= rules.costMinMicros() && spend > rules.costFactor() * mean,
                    spend <= rules.costClearFactor() * mean, now,
                    "spend of %d micro-dollars in the minute from %s is %.1fx the trailing mean of %.0f".formatted(
                            spend, Instant.ofEpochMilli(windowStart), mean == 0 ? Double.POSITIVE_INFINITY : spend / mean,
                            mean),
                    Map.of("spendMicros", String.valueOf(spend), "baselineMicros", fmt(mean),
                            "windowStart", Instant.ofEpochMilli(windowStart).toString()));
        }
        mean += rules.costWeight() * (spend - mean);
        states.put(key, fmt(mean) + " " + (minutes + 1) + " " + windowStart);
    }

    /** Clears latency and error alerts of models that have had no traffic for the quiet period. */
    List<Alert> onQuiet(Instant now) {
        List<Alert> alerts = new ArrayList<>();
        List<String> quiet = new ArrayList<>();
        try (KeyValueIterator<String, String> it = states.prefixScan(FIRING, new org.apache.kafka.common.serialization.StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, String> entry = it.next();
                String[] parts = entry.value.split(" ");
                long lastSeen = Long.parseLong(parts[1]);
                if (!entry.key.startsWith(FIRING + COST) && now.toEpochMilli() - lastSeen >= rules.quietClear().toMillis()) {
                    quiet.add(entry.key);
                }
            }
        }
        for (String key : quiet) {
            String[] id = key.substring(FIRING.length()).split("\\|", 3);
            alerts.add(clear(id[0], id[1], id[2], now, "no traffic for " + rules.quietClear().toMinutes() + " minutes",
                    Map.of()));
        }
        return alerts;
    }

    private void decide(List<Alert> alerts, String kind, String tenant, String subject, boolean holds, boolean cleared,
            Instant now, String message, Map<String, String> details) {
        boolean firing = isFiring(kind, tenant, subject);
        if (!firing && holds) {
            states.put(firingKey(kind, tenant, subject), now.toEpochMilli() + " " + now.toEpochMilli());
            alerts.add(alert(kind, tenant, subject, true, now.toEpochMilli(), now, message, details));
        } else if (firing && cleared) {
            alerts.add(clear(kind, tenant, subject, now, message, details));
        } else if (firing) {
            touch(kind, tenant, subject, now);
        }
    }

    private Alert clear(String kind, String tenant, String subject, Instant now, String message,
            Map<String, String> details) {
        String key = firingKey(kind, tenant, subject);
        long since = Long.parseLong(states.get(key).split(" ")[0]);
        states.delete(key);
        return alert(kind, tenant, subject, false, since, now, "cleared: " + message, details);
    }

    private boolean isFiring(String kind, String tenant, String subject) {
        return states.get(firingKey(kind, tenant, subject)) != null;
    }

    private void touch(String kind, String tenant, String subject, Instant now) {
        String key = firingKey(kind, tenant, subject);
        String since = states.get(key).split(" ")[0];
        states.put(key, since + " " + now.toEpochMilli());
    }

    private static String firingKey(String kind, String tenant, String subject) {
        return FIRING + kind + "|" + tenant + "|" + subject;
    }

    /** An alert whose id is its condition and when it started firing, so a replay deduplicates. */
    static Alert alert(String kind, String tenant, String subject, boolean firing, long firedAt, Instant now,
            String message, Map<String, String> details) {
        return Alert.newBuilder()
                .setAlertId(kind + ":" + tenant + ":" + subject + ":" + firedAt + (firing ? "" : ":cleared"))
                .setTenantId(tenant)
                .setKind(kind)
                .setFiring(firing)
                .setSubject(subject)
                .setMessage(message)
                .setTimestamp(now)
                .setDetails(details)
                .build();
    }

    private static String fmt(double value) {
        return Double.toString(Math.round(value * 1000) / 1000.0);
    }
}
