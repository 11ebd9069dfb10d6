package io.sluice.app.sink;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.app.config.SluiceConfig;
import io.sluice.app.metrics.ConsumerLag;
import io.sluice.app.metrics.MetricsServer;
import io.sluice.app.metrics.ProcessMeters;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a sink command's process publishes at {@code GET /metrics} on {@code metrics.port}: the
 * JVM and process meters and its consumer's lag per topic. Every {@code sluice sink ...} command
 * starts one before its sink and closes it after.
 */
final class SinkMetrics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SinkMetrics.class);

    private final PrometheusMeterRegistry registry;
    private final AutoCloseable processMeters;
    private final MetricsServer server;
    private boolean closed;

    private SinkMetrics(PrometheusMeterRegistry registry, AutoCloseable processMeters, MetricsServer server) {
        this.registry = registry;
        this.processMeters = processMeters;
        this.server = server;
    }

    /** Binds the metrics port and starts serving; a port that cannot be bound is an error naming it. */
    static SinkMetrics serve(SluiceConfig.MetricsSection settings) {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AutoCloseable processMeters = ProcessMeters.bind(registry);
        try {
            return new SinkMetrics(registry, processMeters, MetricsServer.start(registry, settings.host(), settings.port()));
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    /** Publishes the lag of the sink's consumer on {@code topics}, labelled {@code stage}. */
    void consumerLag(String stage, Collection<String> topics, Supplier<? extends Map<MetricName, ? extends Metric>> metrics) {
        ConsumerLag.register(registry, stage, topics, metrics);
    }

    /** Where a sink registers meters of its own, if it has any. */
    PrometheusMeterRegistry registry() {
        return registry;
    }

    int port() {
        return server.port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        try {
            processMeters.close();
        } catch (Exception e) {
            log.warn("metrics.close_failed error={}", e.toString());
        }
        registry.close();
    }
}
