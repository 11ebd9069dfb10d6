package io.sluice.processors.observe;

import java.time.Duration;

/**
 * When the observer's alerts fire and when they clear. Each fires once when its condition starts
 * to hold and clears once when it has clearly stopped: the clearing level is below the firing
 * level (hysteresis), so a value hovering at the threshold does not flap.
 *
 * @param latencyP95Millis   a minute's p95 latency of a tenant x model above this fires {@code latency_p95}
 * @param latencyClearRatio  it clears at a minute below {@code latencyP95Millis * latencyClearRatio}
 * @param errorRate          a minute's error rate (errors / requests) at or above this fires {@code error_rate}
 * @param errorClearRatio    it clears below {@code errorRate * errorClearRatio}
 * @param minRequests        minutes with fewer requests neither fire nor clear latency and error alerts
 * @param costFactor         a tenant's minute of spend above {@code costFactor} x its trailing baseline fires {@code cost_anomaly}
 * @param costClearFactor    it clears at a minute at or below {@code costClearFactor} x the baseline
 * @param costMinMicros      spend below this never counts as an anomaly
 * @param costBaseline       the trailing baseline's horizon (an exponentially weighted mean over about this long)
 * @param costWarmup         minutes of history the baseline needs before it is trusted
 * @param quietClear         a latency or error alert of a model with no traffic for this long clears
 */
public record AlertRules(double latencyP95Millis, double latencyClearRatio, double errorRate, double errorClearRatio,
        long minRequests, double costFactor, double costClearFactor, long costMinMicros, Duration costBaseline,
        int costWarmup, Duration quietClear) {
    public AlertRules {
        if (latencyP95Millis <= 0 || errorRate <= 0 || errorRate > 1 || costFactor <= 1 || minRequests < 1
                || costWarmup < 1) {
            throw new IllegalArgumentException("alert thresholds out of range: " + this);
        }
        if (latencyClearRatio <= 0 || latencyClearRatio > 1 || errorClearRatio <= 0 || errorClearRatio > 1
                || costClearFactor < 1 || costClearFactor > costFactor) {
            throw new IllegalArgumentException("an alert must clear below where it fires: " + this);
        }
    }

    public static AlertRules defaults() {
        return new AlertRules(10_000, 0.8, 0.2, 0.5, 20, 3.0, 1.5, 100_000, Duration.ofHours(1), 10,
                Duration.ofMinutes(10));
    }

    /** The weight of the newest minute in the cost baseline. */
    double costWeight() {
        return 1.0 / Math.max(1, costBaseline.toMinutes());
    }
}
