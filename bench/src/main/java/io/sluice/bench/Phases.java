package io.sluice.bench;

import java.io.IOException;
import java.util.Objects;

/** Runs one load phase with the options of the run and reports it as it ends: one generator per phase. */
final class Phases {

    private final BenchOptions options;
    private final Report report;

    Phases(BenchOptions options, Report report) {
        this.options = Objects.requireNonNull(options, "options");
        this.report = Objects.requireNonNull(report, "report");
    }

    /** A progress line between phases. */
    void progress(String text) {
        report.progress(text);
    }

    /** Open loop at {@code rate} req/s over the fixed-rate pool (latency from the intended send time). */
    LoadResult fixedRate(HttpTarget target, String label, int rate) throws IOException, InterruptedException {
        return fixedRate(target, label, rate, options.warmup());
    }

    /** As {@link #fixedRate(HttpTarget, String, int)} with another warm-up (for a phase that follows a warm one). */
    LoadResult fixedRate(HttpTarget target, String label, int rate, java.time.Duration warmup)
            throws IOException, InterruptedException {
        report.progress(label + " ...");
        try (LoadGenerator load = new LoadGenerator(target, options.clientThreads(), options.requestTimeout())) {
            LoadResult result = load.fixedRate(label, rate, options.connections(), options.effectiveMaxOutstanding(rate),
                    warmup, options.duration());
            report.phase(result);
            return result;
        }
    }

    /** {@code concurrency} connections sending back to back (throughput). */
    LoadResult closedLoop(HttpTarget target, String label, int concurrency) throws IOException, InterruptedException {
        report.progress(label + " ...");
        try (LoadGenerator load = new LoadGenerator(target, options.clientThreads(), options.requestTimeout())) {
            LoadResult result = load.closedLoop(label, concurrency, options.warmup(), options.duration());
            report.phase(result);
            return result;
        }
    }
}
