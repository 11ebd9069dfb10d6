package io.sluice.app.sink;

import io.sluice.app.SluiceCli;
import io.sluice.app.config.SluiceConfig;
import io.sluice.schemas.registry.RestSchemaRegistryClient;
import io.sluice.schemas.topic.Topics;
import io.sluice.sinks.files.FileSink;
import io.sluice.sinks.files.FileSinkConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice sink files}: lands audit events, responses, costs, metrics and alerts in hourly gzip JSON-lines files. */
@Command(name = "files", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Land the audit, responses, costs, metrics and alerts topics in hourly gzip JSON-lines files under "
                    + "DIR/<topic>/dt=YYYY-MM-DD/hour=HH/, exactly once: files are written under hidden temporary names "
                    + "and renamed when finished, and reading resumes after the last finished file.",
            "Without --bootstrap-servers it reads the embedded broker of a running `sluice start` "
                    + "(127.0.0.1:<kafka.broker-port>)."})
public final class FilesSinkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
            description = "where the files go (instances of one group may share it on a shared file system)")
    Path dir;

    @Option(names = "--group-id", paramLabel = "GROUP",
            description = "consumer group, for sharing the work and showing the lag (default: <topic prefix>sink.files)")
    String groupId;

    @Option(names = "--max-file-bytes", paramLabel = "BYTES",
            description = "finish a partition's files once one holds this much JSON, before compression (default: "
                    + FileSinkConfig.DEFAULT_MAX_FILE_BYTES + ")")
    Long maxFileBytes;

    @Option(names = "--grace-seconds", paramLabel = "SECONDS",
            description = "finish a file this long after its hour ended and its last record arrived (default: 300)")
    Long graceSeconds;

    @Mixin
    SluiceCli.Common common = new SluiceCli.Common();

    @Mixin
    SluiceCli.MetricsOptions metricsOptions = new SluiceCli.MetricsOptions();

    @Override
    public Integer call() throws InterruptedException {
        SluiceConfig config = metricsOptions.apply(common.load());
        FileSinkConfig sinkConfig = sinkConfig(config.kafka().topicPrefix());
        String bootstrap = SinkClients.bootstrapServers(spec, config);
        var registry = new RestSchemaRegistryClient(URI.create(SinkClients.registryUrl(spec, config)));
        var metrics = SinkMetrics.serve(config.metrics());
        FileSink sink;
        try {
            sink = FileSink.start(sinkConfig, new Topics(config.kafka().topicPrefix(), registry),
                    SinkClients.clientProps(config, bootstrap), metrics.registry(), Clock.systemUTC());
        } catch (IOException e) {
            registry.close();
            metrics.close();
            spec.commandLine().getErr().println("sluice: cannot start the file sink in " + sinkConfig.dir() + ": " + e);
            return 1;
        }
        metrics.consumerLag("sink-files", sink.topics(), sink::kafkaMetrics);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sink.close();
            registry.close();
            metrics.close();
            stopped.countDown();
        }, "sluice-sink-shutdown"));
        spec.commandLine().getOut().println("Sluice file sink is landing " + config.kafka().topicPrefix()
                + "{audit,responses,costs,metrics,alerts} from " + bootstrap + " in " + sinkConfig.dir() + " (group "
                + sinkConfig.groupId() + "); metrics at http://" + config.metrics().host() + ":" + metrics.port()
                + "/metrics");
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

    FileSinkConfig sinkConfig(String topicPrefix) {
        try {
            return new FileSinkConfig(dir, groupId == null ? topicPrefix + "sink.files" : groupId,
                    maxFileBytes == null ? FileSinkConfig.DEFAULT_MAX_FILE_BYTES : maxFileBytes,
                    FileSinkConfig.DEFAULT_MAX_OPEN_HOURS,
                    graceSeconds == null ? FileSinkConfig.DEFAULT_GRACE : Duration.ofSeconds(graceSeconds),
                    FileSinkConfig.DEFAULT_POLL_TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().replace("sink.files.", "--")
                    .replace("--grace", "--grace-seconds"));
        }
    }
}
