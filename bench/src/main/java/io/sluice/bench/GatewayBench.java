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
 * process, then reads the child's resident memory and prints tables. Completions: at a fixed rate (added
 * latency) and at saturation (max sustained req/s, nothing lost). Streams ({@code --mode stream|both}): at
 * a fixed rate (added time to first token) and at saturation (streams/s, every stream ends with [DONE]).
 * FinOps ({@code --mode finops}, {@link FinopsPhases}): admission at saturation with a budget and rate limits on,
 * and the latency of response-cache hits next to a provider call and a miss.
 *
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests
 * java -jar bench/target/sluice-bench.jar [--duration 20s] [--warmup 10s] [--rate 500] [--concurrency 64]
 * java -jar bench/target/sluice-bench.jar --stream [--stream-rate 200] [--stream-concurrency 64] [--chunks 20]
 * java -jar bench/target/sluice-bench.jar --mode finops [--rate 500] [--concurrency 64]
 * java -jar bench/target/sluice-bench.jar --mode batch [--rate 200] [--batch-lines 20000]
 * java -jar bench/target/sluice-bench.jar --direct-only      # the mock and the generator alone
 * </pre>
 */
public final class GatewayBench {

    static final String REQUEST_BODY = "{\"model\":\"" + SluiceConfig.MODEL + "\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Say pong.\"}],\"max_tokens\":16}";
    static final String STREAM_REQUEST_BODY = "{\"model\":\"" + SluiceConfig.MODEL + "\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Say pong.\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true}}";

    private final BenchOptions options;
    private final Report report;
    private final Phases phases;
    private volatile MockUpstream upstream;
    private volatile SluiceProcess sluice;
    private volatile Path workDir;
    private boolean stopped;

    GatewayBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
        this.phases = new Phases(options, report);
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
        announce();
        upstream = new MockUpstream(0, options.upstreamDelay(), options.upstreamThreads(), options.streamShape()).start();
        String directUrl = upstream.baseUrl() + "/chat/completions";
        report.progress("mock upstream on " + upstream.baseUrl());
        Sluice viaSluice = options.directOnly() ? null : startSluice();
        if (options.mode().batch()) {
            BatchPhases batch = new BatchPhases(phases, options.rate(), options.batchLines(), options.batchTimeout());
            BatchPhases.Results results = batch.measure(viaSluice.baseUrl(), viaSluice.apiKey());
            Optional<ProcessMemory> memory = sluice.memory();
            results.print(report);
            finishReport(memory);
            return;
        }
        if (options.mode().finops()) {
            FinopsPhases finops = new FinopsPhases(phases, options.concurrency(), options.rate());
            FinopsPhases.Results results = finops.measure(directUrl, viaSluice.completionsUrl(), viaSluice.apiKey());
            Optional<ProcessMemory> memory = sluice.memory();
            results.print(report);
            finishReport(memory);
            return;
        }

        // saturation first: its closed loop warms Sluice (JIT, Kafka clients) without a queue, so that the
        // fixed-rate phase measures a warm Sluice instead of the backlog a cold start leaves behind
        List<LoadResult> completions = new ArrayList<>();
        if (options.mode().completions()) {
            HttpTarget direct = HttpTarget.jsonPost(directUrl, REQUEST_BODY, SluiceConfig.UPSTREAM_API_KEY);
            HttpTarget through = viaSluice == null ? null : viaSluice.completions();
            completions.add(closedLoop(direct, "direct   saturation c=" + options.concurrency(), options.concurrency()));
            if (through != null) {
                completions.add(closedLoop(through, "sluice   saturation c=" + options.concurrency(), options.concurrency()));
            }
            completions.add(fixedRate(direct, "direct   fixed " + options.rate() + "/s", options.rate()));
            if (through != null) {
                completions.add(fixedRate(through, "sluice   fixed " + options.rate() + "/s", options.rate()));
            }
        }
        List<LoadResult> streams = new ArrayList<>();
        if (options.mode().streams()) {
            HttpTarget direct = HttpTarget.streamingPost(directUrl, STREAM_REQUEST_BODY, SluiceConfig.UPSTREAM_API_KEY);
            HttpTarget through = viaSluice == null ? null : viaSluice.streams();
            int rate = options.streamRate();
            int concurrency = options.streamConcurrency();
            streams.add(closedLoop(direct, "direct   stream c=" + concurrency, concurrency));
            if (through != null) {
                streams.add(closedLoop(through, "sluice   stream c=" + concurrency, concurrency));
            }
            streams.add(fixedRate(direct, "direct   stream fixed " + rate + "/s", rate));
            if (through != null) {
                streams.add(fixedRate(through, "sluice   stream fixed " + rate + "/s", rate));
            }
        }
        Optional<ProcessMemory> memory = sluice == null ? Optional.empty() : sluice.memory();

        if (!completions.isEmpty()) {
            report.table(completions);
            if (viaSluice != null) {
                // [direct saturation, sluice saturation, direct fixed, sluice fixed]
                report.overhead(options.rate(), Overhead.between(completions.get(2), completions.get(3)));
                report.lossAtRate(completions.get(3));
                report.saturation(completions.get(0), completions.get(1));
            }
        }
        if (!streams.isEmpty()) {
            report.streamTable(streams);
            if (viaSluice != null) {
                report.firstTokenOverhead(options.streamRate(), Overhead.ofFirstToken(streams.get(2), streams.get(3)));
                report.streamSaturation(options.streamConcurrency(), streams.get(0), streams.get(1));
            }
            for (LoadResult r : streams) {
                report.streamLoss(r, options.streamShape().chunks());
            }
        }
        finishReport(memory);
    }

    /** Sluice's memory and log, and what the mock answered. */
    private void finishReport(Optional<ProcessMemory> memory) {
        if (sluice != null) {
            memory.ifPresentOrElse(m -> report.memory(sluice.pid(), m),
                    () -> report.line("sluice resident memory: unavailable (no /proc/" + sluice.pid() + "/status)"));
            report.line("sluice log: " + sluice.log());
        }
        report.line("mock upstream answered " + upstream.served() + " completions and " + upstream.streamed() + " streams");
    }

    private void announce() {
        if (options.mode().batch()) {
            report.progress(String.format("warm-up %ds + measure %ds per phase; batch: completions at %d req/s without "
                            + "and with a batch of %d lines running; upstream delay %d ms", options.warmup().toSeconds(),
                    options.duration().toSeconds(), options.rate(), options.batchLines(),
                    options.upstreamDelay().toMillis()));
            return;
        }
        if (options.mode().finops()) {
            report.progress(String.format("warm-up %ds + measure %ds per phase; finops: completions with %d connections "
                            + "(budget and limits on) and at %d req/s (provider call, miss, cache hit); fixed-rate pool %d "
                            + "connections; upstream delay %d ms", options.warmup().toSeconds(), options.duration().toSeconds(),
                    options.concurrency(), options.rate(), options.connections(), options.upstreamDelay().toMillis()));
            return;
        }
        String phases = options.mode().completions()
                ? String.format("completions at %d req/s and with %d connections", options.rate(), options.concurrency())
                : "";
        if (options.mode().streams()) {
            phases += (phases.isEmpty() ? "" : "; ") + String.format("streams at %d/s and with %d connections (mock: %s)",
                    options.streamRate(), options.streamConcurrency(), options.streamShape());
        }
        report.progress(String.format("warm-up %ds + measure %ds per phase; %s; fixed-rate pool %d connections; "
                        + "upstream delay %d ms", options.warmup().toSeconds(), options.duration().toSeconds(), phases,
                options.connections(), options.upstreamDelay().toMillis()));
    }

    /** Where Sluice answers, with the bench tenant's key: the two kinds of request to send it. */
    private record Sluice(String baseUrl, String completionsUrl, String apiKey) {
        HttpTarget completions() {
            return HttpTarget.jsonPost(completionsUrl, REQUEST_BODY, apiKey);
        }

        HttpTarget streams() {
            return HttpTarget.streamingPost(completionsUrl, STREAM_REQUEST_BODY, apiKey);
        }
    }

    private Sluice startSluice() throws IOException, InterruptedException {
        Path jar = options.resolveSluiceJar();
        SluiceProcess.requireJar(jar);
        workDir = Files.createTempDirectory("sluice-bench-");
        String apiKey = "sk-sluice-bench-" + HexFormat.of().formatHex(randomBytes());
        SluiceConfig config = new SluiceConfig(workDir.resolve("data"), freePort(), freePort(), freePort(), freePort(), apiKey,
                upstream.baseUrl(), options.mode().finops());
        Path configFile = Files.writeString(workDir.resolve("sluice.yaml"), config.toYaml());
        Path log = workDir.resolve("sluice.log");
        report.progress("starting Sluice (" + jar + "), config " + configFile + ", log " + log);
        sluice = SluiceProcess.start(jar, configFile, log, options.heap());
        long started = System.nanoTime();
        sluice.awaitHealthy(URI.create(config.baseUrl() + "/health"), options.healthTimeout());
        report.progress(String.format("Sluice (pid %d) healthy after %.1f s on %s", sluice.pid(),
                (System.nanoTime() - started) / 1e9, config.baseUrl()));
        Sluice endpoint = new Sluice(config.baseUrl(), config.baseUrl() + "/v1/chat/completions", apiKey);
        if (options.mode().completions() || options.mode().finops() || options.mode().batch()) {
            sluice.smokeTest(endpoint.completions());
        }
        if (options.mode().streams()) {
            sluice.smokeTest(endpoint.streams());
        }
        return endpoint;
    }

    private LoadResult fixedRate(HttpTarget target, String label, int rate) throws IOException, InterruptedException {
        return phases.fixedRate(target, label, rate);
    }

    private LoadResult closedLoop(HttpTarget target, String label, int concurrency) throws IOException, InterruptedException {
        return phases.closedLoop(target, label, concurrency);
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
