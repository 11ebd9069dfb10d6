/**
 * {@code sluice report}: chargeback and showback reports read from the {@code costs} topic. The
 * Kafka reading ({@link io.sluice.app.report.CostTopicReader}) is kept apart from the pure parts:
 * folding cost records into one row per tenant, app, model and UTC day (highest revision wins) and
 * rendering those rows as CSV, FOCUS 1.0 CSV or a self-contained HTML page.
 *
 * <p>This package only reads: it never writes a topic, never registers a schema and never opens
 * the schema log as its writer (a running registry is not fenced by a report).
 */
package io.sluice.app.report;
