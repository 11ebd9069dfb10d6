/**
 * Metrics of a Sluice process that has no ingress to serve them: a small {@code GET /metrics}
 * server ({@link io.sluice.app.metrics.MetricsServer}) for {@code sluice processors},
 * {@code sluice invoker}, {@code sluice registry} and the {@code sluice sink} commands, the JVM and
 * process meters every process binds, and the consumer lag gauge of every stage that consumes.
 * Meter names and tags come from {@link io.sluice.schemas.Telemetry}; nothing here measures
 * requests itself.
 */
package io.sluice.app.metrics;
