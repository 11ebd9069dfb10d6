package io.sluice.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** The command line of {@link GatewayBench}, validated. {@code sluiceJar} null: look for app/target/sluice.jar. */
record BenchOptions(Path sluiceJar, Duration warmup, Duration duration, int rate, int connections, int concurrency,
                    int maxOutstanding, Duration upstreamDelay, Duration requestTimeout, Duration healthTimeout,
                    String heap, int clientThreads, int upstreamThreads, boolean directOnly, Mode mode,
                    int streamRate, int streamConcurrency, StreamShape streamShape, int batchLines, Duration batchTimeout,
                    boolean help) {

    /**
     * Which phases run: completions (one JSON answer each), streams (server-sent events), both, or finops
     * (completions with a priced model, a hard budget and rate limits, and answers from the response cache).
     */
    enum Mode {
        COMPLETIONS, STREAM, BOTH, FINOPS, BATCH;

        boolean completions() {
            return this == COMPLETIONS || this == BOTH;
        }

        boolean streams() {
            return this == STREAM || this == BOTH;
        }

        boolean finops() {
            return this == FINOPS;
        }

        boolean batch() {
            return this == BATCH;
        }

        static Mode parse(String v) {
            return switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "completions" -> COMPLETIONS;
                case "stream" -> STREAM;
                case "both" -> BOTH;
                case "finops" -> FINOPS;
                case "batch" -> BATCH;
                default -> throw new IllegalArgumentException("--mode must be completions, stream, both, finops or batch, was '"
                        + v + "'");
            };
        }
    }

    static final String USAGE = """
            usage: java -jar bench/target/sluice-bench.jar [options]
              --sluice-jar PATH      the Sluice CLI jar (default: app/target/sluice.jar under the repository root)
              --mode completions     completions | stream | both | finops | batch: which phases run (see below)
              --stream               the same as --mode stream
              --warmup 10s           warm-up of every phase, not counted
              --duration 20s         measured time of every phase
              --rate 500             completions at a fixed rate: requests per second (open loop)
              --connections 64       fixed-rate phases: connection pool
              --concurrency 64       completions at saturation: connections sending back to back
              --max-outstanding N    fixed-rate: bound on queued + in-flight requests (default: 5 s of the rate)
              --upstream-delay 0ms   delay the mock upstream adds to every completion (not to streams)
              --stream-rate 200      streams at a fixed rate: streams started per second (time to first token)
              --stream-concurrency 64  streams at saturation: connections streaming back to back (streams/s)
              --chunks 20            content chunks in every streamed answer of the mock
              --first-token-delay 0ms  delay before the mock's first content chunk
              --chunk-delay 5ms      delay between the mock's content chunks
              --request-timeout 30s  a request (or stream) without a complete response after this long is LOST
              --health-timeout 180s  how long Sluice may take to answer GET /health with 200
              --heap 1g              -Xmx of the Sluice child process
              --batch-lines 20000    batch mode: lines of the batch submitted through the OpenAI Batch API
              --batch-timeout 600s   batch mode: how long to wait for the batch to end after the phases
              --client-threads 1     event-loop threads of the load generator
              --upstream-threads 1   event-loop threads of the mock upstream
              --direct-only          measure the mock upstream alone (no Sluice)
              --help
            phases, each direct (the mock alone) then through Sluice: completions at --rate and at --concurrency;
            streams at --stream-rate (time to first token) and at --stream-concurrency (streams/s);
            finops: the bench tenant has a priced model, a hard monthly budget and rate limits (all too large to
            refuse): completions at --concurrency (admission), then at --rate: the mock directly, misses through
            Sluice (no temperature: not cacheable) and hits (one temperature-0 request answered from the cache)
            batch: completions at --rate through Sluice alone, then again while a batch of --batch-lines runs
            (interactive latency with and without a batch, in one run), then the batch awaited to its end
            durations: 500ms, 20s, 2m (a bare number is seconds)""";

    BenchOptions {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(upstreamDelay, "upstreamDelay");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(healthTimeout, "healthTimeout");
        Objects.requireNonNull(heap, "heap");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(streamShape, "streamShape");
        requireNonNegative("--warmup", warmup);
        requireNonNegative("--upstream-delay", upstreamDelay);
        requirePositive("--duration", duration);
        requirePositive("--request-timeout", requestTimeout);
        requirePositive("--health-timeout", healthTimeout);
        requireAtLeastOne("--rate", rate);
        requireAtLeastOne("--connections", connections);
        requireAtLeastOne("--concurrency", concurrency);
        requireAtLeastOne("--stream-rate", streamRate);
        requireAtLeastOne("--stream-concurrency", streamConcurrency);
        requireAtLeastOne("--client-threads", clientThreads);
        requireAtLeastOne("--upstream-threads", upstreamThreads);
        if (maxOutstanding < 0) {
            throw new IllegalArgumentException("--max-outstanding must not be negative, was " + maxOutstanding);
        }
        if (directOnly && (mode == Mode.FINOPS || mode == Mode.BATCH)) {
            throw new IllegalArgumentException("--mode " + mode.name().toLowerCase(Locale.ROOT)
                    + " measures Sluice; it cannot run with --direct-only");
        }
        requireAtLeastOne("--batch-lines", batchLines);
        Objects.requireNonNull(batchTimeout, "batchTimeout");
        requirePositive("--batch-timeout", batchTimeout);
        if (!heap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("--heap must look like 512m or 1g, was " + heap);
        }
    }

    static BenchOptions defaults() {
        return new BenchOptions(null, Duration.ofSeconds(10), Duration.ofSeconds(20), 500, 64, 64, 0,
                Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(180), "1g", 1, 1, false, Mode.COMPLETIONS,
                200, 64, StreamShape.defaults(), 20_000, Duration.ofSeconds(600), false);
    }

    static BenchOptions parse(String... args) {
        BenchOptions d = defaults();
        Path jar = d.sluiceJar;
        Duration warmup = d.warmup;
        Duration duration = d.duration;
        Duration upstreamDelay = d.upstreamDelay;
        Duration requestTimeout = d.requestTimeout;
        Duration healthTimeout = d.healthTimeout;
        int rate = d.rate;
        int connections = d.connections;
        int concurrency = d.concurrency;
        int maxOutstanding = d.maxOutstanding;
        int clientThreads = d.clientThreads;
        int upstreamThreads = d.upstreamThreads;
        String heap = d.heap;
        int batchLines = d.batchLines;
        Duration batchTimeout = d.batchTimeout;
        Mode mode = d.mode;
        int streamRate = d.streamRate;
        int streamConcurrency = d.streamConcurrency;
        int chunks = d.streamShape.chunks();
        Duration firstTokenDelay = d.streamShape.firstTokenDelay();
        Duration chunkDelay = d.streamShape.chunkDelay();
        boolean directOnly = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--direct-only")) {
                directOnly = true;
                continue;
            }
            if (flag.equals("--stream")) {
                mode = Mode.STREAM;
                continue;
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                help = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String v = args[++i];
            switch (flag) {
                case "--sluice-jar" -> jar = Path.of(v);
                case "--mode" -> mode = Mode.parse(v);
                case "--warmup" -> warmup = duration(v);
                case "--duration" -> duration = duration(v);
                case "--upstream-delay" -> upstreamDelay = duration(v);
                case "--request-timeout" -> requestTimeout = duration(v);
                case "--health-timeout" -> healthTimeout = duration(v);
                case "--rate" -> rate = integer(flag, v);
                case "--connections" -> connections = integer(flag, v);
                case "--concurrency" -> concurrency = integer(flag, v);
                case "--max-outstanding" -> maxOutstanding = integer(flag, v);
                case "--stream-rate" -> streamRate = integer(flag, v);
                case "--stream-concurrency" -> streamConcurrency = integer(flag, v);
                case "--chunks" -> chunks = integer(flag, v);
                case "--first-token-delay" -> firstTokenDelay = duration(v);
                case "--chunk-delay" -> chunkDelay = duration(v);
                case "--client-threads" -> clientThreads = integer(flag, v);
                case "--upstream-threads" -> upstreamThreads = integer(flag, v);
                case "--heap" -> heap = v;
                case "--batch-lines" -> batchLines = integer(flag, v);
                case "--batch-timeout" -> batchTimeout = duration(v);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        requireAtLeastOne("--chunks", chunks);
        requireNonNegative("--first-token-delay", firstTokenDelay);
        requireNonNegative("--chunk-delay", chunkDelay);
        return new BenchOptions(jar, warmup, duration, rate, connections, concurrency, maxOutstanding, upstreamDelay,
                requestTimeout, healthTimeout, heap, clientThreads, upstreamThreads, directOnly, mode, streamRate,
                streamConcurrency, new StreamShape(chunks, firstTokenDelay, chunkDelay), batchLines, batchTimeout, help);
    }

    /** The fixed-rate bound at {@code phaseRate}: as given, or five seconds of it (never fewer than the connections). */
    int effectiveMaxOutstanding(int phaseRate) {
        return maxOutstanding > 0 ? maxOutstanding : Math.max(connections, phaseRate * 5);
    }

    /** {@code --sluice-jar}, or app/target/sluice.jar under the first ancestor (of the working directory, then of this jar) that holds the repository. */
    Path resolveSluiceJar() {
        if (sluiceJar != null) {
            return sluiceJar.toAbsolutePath();
        }
        Path fromWorkingDir = findRepoJar(Path.of("").toAbsolutePath());
        if (fromWorkingDir != null) {
            return fromWorkingDir;
        }
        try {
            Path self = Path.of(GatewayBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path fromBenchJar = findRepoJar(self.toAbsolutePath());
            if (fromBenchJar != null) {
                return fromBenchJar;
            }
        } catch (URISyntaxException | SecurityException | NullPointerException unknownLocation) {
            // fall through to the path relative to the working directory
        }
        return Path.of("app", "target", "sluice.jar").toAbsolutePath();
    }

    private static Path findRepoJar(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("app/pom.xml")) && Files.isRegularFile(dir.resolve("bench/pom.xml"))) {
                return dir.resolve("app/target/sluice.jar");
            }
        }
        return null;
    }

    /** {@code 500ms}, {@code 20s}, {@code 2m}, or a bare number of seconds. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 500ms, 20s or 2m)", e);
        }
    }

    private static int integer(String flag, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, was '" + v + "'", e);
        }
    }

    private static void requireNonNegative(String flag, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(flag + " must not be negative, was " + d);
        }
    }

    private static void requirePositive(String flag, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(flag + " must be positive, was " + d);
        }
    }

    private static void requireAtLeastOne(String flag, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1, was " + n);
        }
    }
}
