package io.sluice.app.config;

import io.sluice.processors.observe.AlertRules;
import io.sluice.processors.observe.ObserverSettings;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * {@code observability}: the audit chain, the per-minute metrics and the alerts of the observer.
 *
 * @param auditDedupeRetention how long the audit chain remembers event ids to drop repeats (default 1h)
 * @param metricsGrace         how long a closed minute waits for late responses before it is published (default 10s)
 * @param metricsRetention     how long a published minute can still be revised (default 1h)
 * @param alerts               alert thresholds
 */
public record ObservabilitySection(Duration auditDedupeRetention, Duration metricsGrace, Duration metricsRetention,
        AlertsSection alerts) {
    static final ObservabilitySection DEFAULTS = new ObservabilitySection(null, null, null, null);

    public ObservabilitySection {
        if (auditDedupeRetention != null) {
            SluiceConfig.requirePositive("observability.audit-dedupe-retention", auditDedupeRetention);
        }
        if (metricsGrace != null) {
            SluiceConfig.requirePositive("observability.metrics-grace", metricsGrace);
        }
        if (metricsRetention != null) {
            SluiceConfig.requirePositive("observability.metrics-retention", metricsRetention);
        }
    }

    /**
     * {@code observability.alerts}; every key optional, defaults in brackets.
     *
     * @param latencyP95        p95 latency of a tenant x model minute that fires {@code latency_p95} [10s]
     * @param latencyClearRatio it clears below this fraction of the threshold [0.8]
     * @param errorRate         error rate of a minute that fires {@code error_rate} [0.2]
     * @param errorClearRatio   it clears below this fraction of the threshold [0.5]
     * @param minRequests       minutes with fewer requests neither fire nor clear those two [20]
     * @param costFactor        a tenant's minute of spend above this times its trailing mean fires {@code cost_anomaly} [3]
     * @param costClearFactor   it clears at or below this times the mean [1.5]
     * @param costMin           dollars per minute below which spend is never an anomaly [0.10]
     * @param costBaseline      the trailing mean's horizon [1h]
     * @param costWarmup        minutes of history before the mean is trusted [10]
     * @param quietClear        a latency or error alert of a model without traffic this long clears [10m]
     */
    public record AlertsSection(Duration latencyP95, Double latencyClearRatio, Double errorRate, Double errorClearRatio,
            Long minRequests, Double costFactor, Double costClearFactor, BigDecimal costMin, Duration costBaseline,
            Integer costWarmup, Duration quietClear) {
        AlertRules rules() {
            AlertRules d = AlertRules.defaults();
            try {
                return new AlertRules(
                        latencyP95 == null ? d.latencyP95Millis() : latencyP95.toMillis(),
                        latencyClearRatio == null ? d.latencyClearRatio() : latencyClearRatio,
                        errorRate == null ? d.errorRate() : errorRate,
                        errorClearRatio == null ? d.errorClearRatio() : errorClearRatio,
                        minRequests == null ? d.minRequests() : minRequests,
                        costFactor == null ? d.costFactor() : costFactor,
                        costClearFactor == null ? d.costClearFactor() : costClearFactor,
                        costMin == null ? d.costMinMicros() : costMin.movePointRight(6).longValueExact(),
                        costBaseline == null ? d.costBaseline() : costBaseline,
                        costWarmup == null ? d.costWarmup() : costWarmup,
                        quietClear == null ? d.quietClear() : quietClear);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new ConfigException("observability.alerts: " + e.getMessage());
            }
        }
    }

    ObserverSettings settings(String applicationId) {
        ObserverSettings d = ObserverSettings.defaults(applicationId);
        return new ObserverSettings(applicationId,
                auditDedupeRetention == null ? d.dedupeRetention() : auditDedupeRetention,
                metricsGrace == null ? d.windowGrace() : metricsGrace,
                metricsRetention == null ? d.windowRetention() : metricsRetention,
                alerts == null ? d.alerts() : alerts.rules());
    }
}
