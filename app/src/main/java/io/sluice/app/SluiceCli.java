package io.sluice.app;

import io.sluice.app.SluiceRuntime.Component;
import io.sluice.app.config.ConfigLoader;
import io.sluice.app.config.SluiceConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The {@code sluice} command line. */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = SluiceCli.Version.class,
        description = "An enterprise AI gateway built as an event-streaming pipeline on Apache Kafka.",
        subcommands = {
            SluiceCli.Start.class, SluiceCli.Ingress.class, SluiceCli.Processors.class,
            SluiceCli.InvokerCommand.class, SluiceCli.Registry.class, io.sluice.app.scan.ScanCommand.class,
            io.sluice.app.report.ReportCommand.class, io.sluice.app.sink.SinkCommand.class,
            io.sluice.app.audit.AuditCommand.class, io.sluice.app.admin.AdminCommand.class,
            io.sluice.app.batch.BatchCommand.class,
            io.sluice.app.admin.PromptsCommand.class,
            CommandLine.HelpCommand.class})
public final class SluiceCli implements Runnable {
    @Spec
    CommandSpec spec;

    /**
     * On fewer than three cores the JDK's common fork-join pool has parallelism 1, and
     * CompletableFuture then runs every default-executor task on a new thread. The JDK's HTTP client
     * completes each response that way, so a provider call would cost a thread start (measured on 2
     * cores: p50 0.74 ms instead of 0.36 ms to a loopback upstream). Unless the operator chose a
     * value, give the pool two threads; it must be set before anything touches the pool.
     */
    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    public static void main(String[] args) {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM,
                    String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
        }
        System.exit(new CommandLine(new SluiceCli()).setExecutionExceptionHandler(SluiceCli::onError).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static int onError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println("sluice: " + e.getMessage());
        return 1;
    }

    /** Options every command that reaches Kafka shares; other packages' commands take it as a {@code @Mixin}. */
    public static class Common {
        @Option(names = {"-c", "--config"}, description = "sluice.yaml (optional; default: ./sluice.yaml if present)")
        Path config;

        @Option(names = "--bootstrap-servers", description = "use this Kafka cluster instead of an embedded broker")
        String bootstrapServers;

        @Option(names = "--schema-registry-url", description = "use this schema registry instead of Sluice's own")
        String schemaRegistryUrl;

        @Option(names = "--data-dir", description = "where embedded data and state live (default: ./data)")
        Path dataDir;

        /** The config file (or the defaults) with the command line's overrides applied. */
        public SluiceConfig load() {
            Path file = config;
            if (file == null && Files.exists(Path.of("sluice.yaml"))) {
                file = Path.of("sluice.yaml");
            }
            SluiceConfig loaded = file == null ? SluiceConfig.defaults() : ConfigLoader.withSystemEnvironment().load(file);
            if (bootstrapServers != null) {
                loaded = loaded.withKafka(loaded.kafka().withBootstrapServers(bootstrapServers));
            }
            if (schemaRegistryUrl != null) {
                loaded = loaded.withKafka(loaded.kafka().withSchemaRegistryUrl(schemaRegistryUrl));
            }
            if (dataDir != null) {
                loaded = loaded.withDataDir(dataDir);
            }
            return loaded;
        }
    }

    /**
     * {@code --metrics-port}: for the commands that serve {@code GET /metrics} on a port of their
     * own (every command but {@code start} and {@code ingress}, whose ingress serves it).
     */
    public static class MetricsOptions {
        @Option(names = "--metrics-port", paramLabel = "PORT",
                description = "serve GET /metrics on this port (default: metrics.port, 9464; 0: any free port)")
        Integer port;

        /** {@code config} with the command line's metrics port, if one was given. */
        public SluiceConfig apply(SluiceConfig config) {
            if (port == null) {
                return config;
            }
            try {
                return config.withMetrics(config.metrics().withPort(port));
            } catch (io.sluice.app.config.ConfigException e) {
                throw new IllegalArgumentException("--metrics-port: " + e.getMessage(), e);
            }
        }
    }

    /** Runs components until Ctrl-C. */
    abstract static class Running implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Spec
        CommandSpec spec;

        abstract Set<Component> components();

        SluiceConfig config() {
            SluiceConfig config = common.load();
            requireCluster(config);
            return config;
        }

        void requireCluster(SluiceConfig config) {
            if (config.embeddedBroker()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "this command runs against a Kafka cluster: give --bootstrap-servers or kafka.bootstrap-servers");
            }
            if (config.kafka().schemaRegistryUrl().isBlank() && !components().contains(Component.REGISTRY)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "give --schema-registry-url (e.g. a `sluice registry` instance) so that all processes agree on schema ids");
            }
        }

        @Override
        public Integer call() throws InterruptedException {
            SluiceConfig config = config();
            var stopped = new CountDownLatch(1);
            SluiceRuntime runtime = SluiceRuntime.start(config, components(), Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                runtime.close();
                stopped.countDown();
            }, "sluice-shutdown"));
            announce(runtime, config, spec.commandLine().getOut());
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                var failure = runtime.failure();
                if (failure.isPresent()) {
                    spec.commandLine().getErr().println("sluice: " + failure.get() + "; stopping so that a supervisor restarts it");
                    runtime.close();
                    return 2;
                }
            }
            return 0;
        }

        void announce(SluiceRuntime runtime, SluiceConfig config, PrintWriter out) {
            out.println("Sluice is running " + components() + " against Kafka at " + runtime.bootstrapServers());
            out.flush();
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Run everything in one process: an embedded Kafka broker (unless --bootstrap-servers), "
                    + "the schema registry, the gateway topology, the invoker and the HTTP ingress.")
    static final class Start extends Running {
        @Option(names = "--port", description = "HTTP port of the ingress (default 8080)")
        Integer port;

        @Override
        Set<Component> components() {
            return EnumSet.allOf(Component.class);
        }

        @Override
        SluiceConfig config() {
            SluiceConfig config = common.load();
            if (port != null) {
                config = config.withIngress(config.ingress().withPort(port));
            }
            return config;
        }

        @Override
        void announce(SluiceRuntime runtime, SluiceConfig config, PrintWriter out) {
            String url = "http://" + config.ingress().host() + ":" + runtime.ingressPort();
            out.println();
            out.println("Sluice is ready at " + url + "  (Kafka " + runtime.bootstrapServers()
                    + ", schema registry " + runtime.registryUrl() + ")");
            if (runtime.demoApiKey() != null) {
                out.println("Demo API key (tenant demo): " + runtime.demoApiKey());
                out.println();
                out.println("Try it:");
                out.println("  curl -s " + url + "/v1/chat/completions \\");
                out.println("    -H 'Authorization: Bearer " + runtime.demoApiKey() + "' \\");
                out.println("    -H 'Content-Type: application/json' \\");
                out.println("    -d '{\"model\": \"mock-echo\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello, Sluice!\"}]}'");
            }
            out.println();
            out.println("Press Ctrl-C to stop.");
            out.flush();
        }
    }

    @Command(name = "ingress", mixinStandardHelpOptions = true,
            description = "Run the HTTP ingress against a Kafka cluster.")
    static final class Ingress extends Running {
        @Override
        Set<Component> components() {
            return EnumSet.of(Component.INGRESS);
        }
    }

    /** A command whose process has no ingress, so serves its metrics on a port of its own. */
    abstract static class WithoutIngress extends Running {
        @CommandLine.Mixin
        MetricsOptions metrics = new MetricsOptions();

        @Override
        SluiceConfig config() {
            SluiceConfig config = metrics.apply(common.load());
            requireCluster(config);
            return config;
        }

        @Override
        void announce(SluiceRuntime runtime, SluiceConfig config, PrintWriter out) {
            super.announce(runtime, config, out);
            out.println("Metrics at http://" + config.metrics().host() + ":" + runtime.metricsPort() + "/metrics");
            out.flush();
        }
    }

    @Command(name = "processors", mixinStandardHelpOptions = true,
            description = "Run the gateway, observer and batch coordinator topologies (Kafka Streams) against a Kafka cluster.")
    static final class Processors extends WithoutIngress {
        @Override
        Set<Component> components() {
            return EnumSet.of(Component.GATEWAY, Component.OBSERVER, Component.BATCH);
        }
    }

    @Command(name = "invoker", mixinStandardHelpOptions = true,
            description = "Run the invoker that calls the providers, against a Kafka cluster.")
    static final class InvokerCommand extends WithoutIngress {
        @Override
        Set<Component> components() {
            return EnumSet.of(Component.INVOKER);
        }
    }

    @Command(name = "registry", mixinStandardHelpOptions = true,
            description = "Serve a Confluent-compatible schema registry whose schemas live in a compacted topic.")
    static final class Registry extends WithoutIngress {
        @Override
        Set<Component> components() {
            return EnumSet.of(Component.REGISTRY);
        }

        @Override
        void announce(SluiceRuntime runtime, SluiceConfig config, PrintWriter out) {
            out.println("Schema registry at " + runtime.registryUrl() + ", metrics at http://" + config.metrics().host()
                    + ":" + runtime.metricsPort() + "/metrics");
            out.flush();
        }
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SluiceCli.class.getPackage().getImplementationVersion();
            return new String[] {"sluice " + (v == null ? "development build" : v)};
        }
    }
}
