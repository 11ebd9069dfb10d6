package io.sluice.app.sink;

import io.sluice.app.SluiceCli;
import io.sluice.app.config.SluiceConfig;
import io.sluice.schemas.registry.RestSchemaRegistryClient;
import io.sluice.schemas.topic.Topics;
import io.sluice.sinks.postgres.PostgresSink;
import io.sluice.sinks.postgres.PostgresSinkConfig;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice sink postgres}: lands audit events, responses and costs in PostgreSQL until Ctrl-C. */
@Command(name = "postgres", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Land the audit, responses and costs topics in PostgreSQL tables (audit_events, responses, costs_hourly, "
                    + "costs_daily), exactly once: each batch is written with the consumer offsets in one transaction.",
            "Creates and migrates its schema at start. Without --bootstrap-servers it reads the embedded broker of a "
                    + "running `sluice start` (127.0.0.1:<kafka.broker-port>)."})
public final class PostgresSinkCommand implements Callable<Integer> {
    /** The {@code stage} label of the sink's consumer lag. */
    static final String STAGE = "sink-postgres";

    @Spec
    CommandSpec spec;

    @Option(names = "--jdbc-url", required = true, paramLabel = "URL",
            description = "jdbc:postgresql://host:5432/database (add ?currentSchema=NAME for another schema than public)")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "NAME", description = "database user (default: from the URL)")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "the environment variable that holds the database password (never put it on the command line)")
    String passwordEnv;

    @Mixin
    SluiceCli.Common common = new SluiceCli.Common();

    @Mixin
    SluiceCli.MetricsOptions metricsOptions = new SluiceCli.MetricsOptions();

    @Override
    public Integer call() throws InterruptedException {
        PostgresSinkConfig sinkConfig = sinkConfig();
        SluiceConfig config = metricsOptions.apply(common.load());
        String bootstrap = SinkClients.bootstrapServers(spec, config);
        Map<String, Object> clientProps = SinkClients.clientProps(config, bootstrap);
        var metrics = SinkMetrics.serve(config.metrics());
        var registry = new RestSchemaRegistryClient(URI.create(SinkClients.registryUrl(spec, config)));
        PostgresSink sink;
        try {
            sink = PostgresSink.start(sinkConfig, new Topics(config.kafka().topicPrefix(), registry), clientProps,
                    Clock.systemUTC());
        } catch (SQLException | IllegalStateException e) {
            registry.close();
            metrics.close();
            spec.commandLine().getErr().println("sluice: cannot start the PostgreSQL sink on " + sinkConfig.redactedUrl()
                    + ": " + e.getMessage());
            return 1;
        }
        metrics.consumerLag(STAGE, sink.topics(), sink::kafkaMetrics);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sink.close();
            registry.close();
            metrics.close();
            stopped.countDown();
        }, "sluice-sink-shutdown"));
        spec.commandLine().getOut().println("Sluice PostgreSQL sink is landing " + config.kafka().topicPrefix()
                + "{audit,responses,costs} from " + bootstrap + " in " + sinkConfig.redactedUrl()
                + "; metrics at http://" + config.metrics().host() + ":" + metrics.port() + "/metrics");
        spec.commandLine().getOut().flush();
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            if (sink.failure().isPresent()) {
                spec.commandLine().getErr().println("sluice: " + sink.failure().get()
                        + "; stopping so that a supervisor restarts it");
                sink.close();
                registry.close();
                metrics.close();
                return 2;
            }
        }
        return 0;
    }

    PostgresSinkConfig sinkConfig() {
        String password = null;
        if (passwordEnv != null) {
            password = System.getenv(passwordEnv);
            if (password == null) {
                throw new ParameterException(spec.commandLine(), "--password-env: environment variable " + passwordEnv
                        + " is not set");
            }
        }
        try {
            return PostgresSinkConfig.of(jdbcUrl, user, password);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().replace("sink.postgres.", "--"));
        }
    }
}
