package io.sluice.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The gateway load run: in one run, measures the mock upstream directly and through a Sluice child
 * process, at a fixed rate (added latency) and at saturation (max sustained req/s, nothing lost), then
 * reads the child's resident memory and prints a table.
 *
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests
 * java -jar bench/target/sluice-bench.jar [--duration 20s] [--warmup 10s] [--rate 500] [--concurrency 64]
 * java -jar bench/target/sluice-bench.jar --direct-only      # the mock and the generator alone
 * </pre>
 */
public final class GatewayBench {

    static final String REQUEST_BODY = "{\"model\":\"" + SluiceConfig.MODEL + "\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Say pong.\"}],\"max_tokens\":16}";

    private final BenchOptions options;
    private final Report report;
    private volatile MockUpstream upstream;
    private volatile SluiceProcess sluice;
    private volatile Path workDir;
    private boolean stopped;

    GatewayBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sluice-bench: " + e.getMessage() + "\n" + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            Report.stdout().line(BenchOptions.USAGE);
            return;
        }
        GatewayBench bench = new GatewayBench(options, Report.stdout());
        Thread hook = new Thread(bench::stopAll, "sluice-bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit = 0;
        try {
            bench.run();
        } catch (Exception e) {
            System.err.println("sluice-bench failed: " + e.getMessage());
            exit = 1;
        } finally {
            bench.stopAll();
        }
        System.exit(exit);
    }

    void run() throws IOException, InterruptedException {
        report.progress(String.format("warm-up %ds + measure %ds per phase; rate %d req/s over %d connections; "
                        + "saturation with %d connections; upstream delay %d ms",
                options.warmup().toSeconds(), options.duration().toSeconds(), options.rate(), options.connections(),
                options.concurrency(), options.upstreamDelay().toMillis()));
        upstream = new MockUpstream(0, options.upstreamDelay(), options.upstreamThreads()).start();
        HttpTarget direct = HttpTarget.jsonPost(upstream.baseUrl() + "/chat/completions", REQUEST_BODY,
                SluiceConfig.UPSTREAM_API_KEY);
        report.progress("mock upstream on " + upstream.baseUrl());
        HttpTarget viaSluice = options.directOnly() ? null : startSluice();

        List<LoadResult> results = new ArrayList<>();
        LoadResult directRate = measure(results, direct, "direct   fixed " + options.rate() + "/s", false);
        LoadResult sluiceRate = viaSluice == null ? null
                : measure(results, viaSluice, "sluice   fixed " + options.rate() + "/s", false);
        LoadResult directMax = measure(results, direct, "direct   saturation c=" + options.concurrency(), true);
        LoadResult sluiceMax = viaSluice == null ? null
                : measure(results, viaSluice, "sluice   saturation c=" + options.concurrency(), true);
        Optional<ProcessMemory> memory = sluice == null ? Optional.empty() : sluice.memory();

        report.table(results);
        if (sluiceRate != null) {
            report.overhead(options.rate(), Overhead.between(directRate, sluiceRate));
            report.lossAtRate(sluiceRate);
            report.saturation(directMax, sluiceMax);
            memory.ifPresentOrElse(m -> report.memory(sluice.pid(), m),
                    () -> report.line("sluice resident memory: unavailable (no /proc/" + sluice.pid() + "/status)"));
            report.line("sluice log: " + sluice.log());
        }
        report.line("mock upstream answered " + upstream.served() + " completions");
    }

    private HttpTarget startSluice() throws IOException, InterruptedException {
        Path jar = options.resolveSluiceJar();
        SluiceProcess.requireJar(jar);
        workDir = Files.createTempDirectory("sluice-bench-");
        String apiKey = "sk-sluice-bench-" + HexFormat.of().formatHex(randomBytes());
        SluiceConfig config = new SluiceConfig(workDir.resolve("data"), freePort(), freePort(), freePort(), freePort(), apiKey,
                upstream.baseUrl());
        Path configFile = Files.writeString(workDir.resolve("sluice.yaml"), config.toYaml());
        Path log = workDir.resolve("sluice.log");
        report.progress("starting Sluice (" + jar + "), config " + configFile + ", log " + log);
        sluice = SluiceProcess.start(jar, configFile, log, options.heap());
        long started = System.nanoTime();
        sluice.awaitHealthy(URI.create(config.baseUrl() + "/health"), options.healthTimeout());
        report.progress(String.format("Sluice (pid %d) healthy after %.1f s on %s", sluice.pid(),
                (System.nanoTime() - started) / 1e9, config.baseUrl()));
        HttpTarget target = HttpTarget.jsonPost(config.baseUrl() + "/v1/chat/completions", REQUEST_BODY, apiKey);
        sluice.smokeTest(target);
        return target;
    }

    private LoadResult measure(List<LoadResult> results, HttpTarget target, String label, boolean saturation)
            throws IOException, InterruptedException {
        report.progress(label + " ...");
        try (LoadGenerator load = new LoadGenerator(target, options.clientThreads(), options.requestTimeout())) {
            LoadResult result = saturation
                    ? load.closedLoop(label, options.concurrency(), options.warmup(), options.duration())
                    : load.fixedRate(label, options.rate(), options.connections(), options.effectiveMaxOutstanding(),
                    options.warmup(), options.duration());
            report.phase(result);
            results.add(result);
            return result;
        }
    }

    /** Stops the child by its PID and the mock, and removes the broker data; safe to call twice. */
    synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (sluice != null) {
            sluice.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (workDir != null) {
            deleteTree(workDir.resolve("data"));
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("sluice-bench: could not remove " + root + ": " + e.getMessage());
        }
    }
}
