package io.sluice.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The bench's output: progress lines and the result table, on stdout (the bench's product). */
final class Report {

    private static final String ROW = "%-30s %10s %9s %9s %9s %9s %9s %8s %8s%n";
    private static final String STREAM_ROW = "%-30s %10s %9s %9s %9s %9s %9s %7s %8s %8s %8s%n";

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    static Report stdout() {
        return new Report(System.out);
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    void progress(String text) {
        line("== " + text);
    }

    void phase(LoadResult r) {
        if (r.streams() != null) {
            StreamFigures s = r.streams();
            progress(String.format(Locale.ROOT, "%s: %.1f streams/s, first token p50 %s ms, p99 %s ms, total p50 %s ms, "
                            + "non-2xx %d, lost %d", r.label(), r.requestsPerSecond(), ms(s.ttftPercentileMicros(50)),
                    ms(s.ttftPercentileMicros(99)), ms(r.percentileMicros(50)), r.non2xx(), r.lostStreams()));
            return;
        }
        progress(String.format(Locale.ROOT, "%s: %.1f req/s, p50 %s ms, p99 %s ms, non-2xx %d, lost %d",
                r.label(), r.requestsPerSecond(), ms(r.percentileMicros(50)), ms(r.percentileMicros(99)),
                r.non2xx(), r.lost()));
    }

    void table(List<LoadResult> results) {
        out.println();
        out.printf(Locale.ROOT, ROW, "mode", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "ok", "non-2xx", "lost");
        for (LoadResult r : results) {
            out.printf(Locale.ROOT, ROW, r.label(), String.format(Locale.ROOT, "%.1f", r.requestsPerSecond()),
                    ms(r.percentileMicros(50)), ms(r.percentileMicros(90)), ms(r.percentileMicros(99)),
                    ms(r.maxMicros()), r.ok(), r.non2xx(), r.lost());
        }
        out.println();
        out.flush();
    }

    /**
     * Streamed phases: streams/s (any status), the time to first token, the total time, the content chunks
     * per stream that counted (fewest-most), and LOST streams (no response, or no [DONE]).
     */
    void streamTable(List<LoadResult> results) {
        out.println();
        out.printf(Locale.ROOT, STREAM_ROW, "mode", "streams/s", "ttft p50", "ttft p90", "ttft p99", "total p50",
                "total p99", "chunks", "ok", "non-2xx", "lost");
        for (LoadResult r : results) {
            StreamFigures s = r.streams();
            out.printf(Locale.ROOT, STREAM_ROW, r.label(), String.format(Locale.ROOT, "%.1f", r.requestsPerSecond()),
                    ms(s.ttftPercentileMicros(50)), ms(s.ttftPercentileMicros(90)), ms(s.ttftPercentileMicros(99)),
                    ms(r.percentileMicros(50)), ms(r.percentileMicros(99)), chunks(s), r.ok(), r.non2xx(),
                    r.lostStreams());
        }
        out.println("(milliseconds; ttft = time to first token, from the request to the first event with content)");
        out.println();
        out.flush();
    }

    void firstTokenOverhead(int streamRate, Overhead o) {
        line(String.format(Locale.ROOT, "added time to first token at %d streams/s (sluice - direct): p50 %s ms, "
                + "p90 %s ms, p99 %s ms", streamRate, signedMs(o.p50Micros()), signedMs(o.p90Micros()),
                signedMs(o.p99Micros())));
    }

    void streamSaturation(int concurrency, LoadResult direct, LoadResult sluice) {
        line(String.format(Locale.ROOT, "streams through sluice with %d connections: %.1f streams/s (direct: %.1f streams/s)",
                concurrency, sluice.requestsPerSecond(), direct.requestsPerSecond()));
    }

    /** LOST streams with their causes, FAILED, and whether every stream that counted had all its chunks. */
    void streamLoss(LoadResult r, int expectedChunks) {
        StreamFigures s = r.streams();
        boolean clean = r.lostStreams() == 0 && r.non2xx() == 0;
        boolean whole = r.ok() == 0 || (s.minChunks() == expectedChunks && s.maxChunks() == expectedChunks);
        line(String.format(Locale.ROOT, "%s: LOST=%d (dropped at --max-outstanding %d, no response %d, "
                        + "ended without [DONE] %d) FAILED=%d; content chunks per stream %s of %d%s",
                r.label().trim().replaceAll(" +", " "), r.lostStreams(), r.dropped(), r.errors(), s.broken(),
                r.non2xx(), chunks(s), expectedChunks, clean && whole ? "" : "  <-- expected 0 lost, 0 failed, every chunk"));
    }

    void overhead(int rate, Overhead o) {
        line(String.format(Locale.ROOT, "added latency at %d req/s (sluice - direct): p50 %s ms, p90 %s ms, p99 %s ms",
                rate, signedMs(o.p50Micros()), signedMs(o.p90Micros()), signedMs(o.p99Micros())));
    }

    void saturation(LoadResult direct, LoadResult sluice) {
        line(String.format(Locale.ROOT, "max sustained through sluice: %.1f req/s (direct: %.1f req/s); LOST=%d FAILED=%d%s",
                sluice.requestsPerSecond(), direct.requestsPerSecond(), sluice.lost(), sluice.non2xx(),
                sluice.lost() == 0 && sluice.non2xx() == 0 ? "" : "  <-- expected 0"));
    }

    /** Throughput through Sluice with budgets and rate limits on, next to the mock alone. */
    void admission(int concurrency, LoadResult direct, LoadResult sluice) {
        line(String.format(Locale.ROOT, "admission with budget and rate limits on, %d connections: %.1f req/s through "
                        + "sluice (direct: %.1f req/s); LOST=%d FAILED=%d%s", concurrency, sluice.requestsPerSecond(),
                direct.requestsPerSecond(), sluice.lost(), sluice.non2xx(),
                sluice.lost() == 0 && sluice.non2xx() == 0 ? "" : "  <-- expected 0"));
    }

    /** The latency of cache hits at a fixed rate, next to a provider call (the mock directly) and a miss. */
    void cacheLatency(int rate, LoadResult provider, LoadResult miss, LoadResult hit) {
        line(String.format(Locale.ROOT, "at %d req/s, p50 / p90 / p99 ms: cache hit %s; provider call (direct) %s; "
                + "miss through sluice %s", rate, percentiles(hit), percentiles(provider), percentiles(miss)));
        Overhead overDirect = Overhead.between(provider, hit);
        Overhead overMiss = Overhead.between(miss, hit);
        line(String.format(Locale.ROOT, "cache hit - provider call: p50 %s ms, p90 %s ms, p99 %s ms; cache hit - miss: "
                        + "p50 %s ms, p90 %s ms, p99 %s ms", signedMs(overDirect.p50Micros()), signedMs(overDirect.p90Micros()),
                signedMs(overDirect.p99Micros()), signedMs(overMiss.p50Micros()), signedMs(overMiss.p90Micros()),
                signedMs(overMiss.p99Micros())));
        for (LoadResult r : List.of(hit, miss)) {
            if (r.lost() != 0 || r.non2xx() != 0) {
                line(String.format(Locale.ROOT, "%s: LOST=%d FAILED=%d  <-- expected 0", r.label().trim().replaceAll(" +", " "),
                        r.lost(), r.non2xx()));
            }
        }
    }

    /** How many 2xx answers of a phase carried its mark; {@code expectAll}: every one should, else none. */
    void marks(LoadResult r, boolean expectAll) {
        MarkCount m = Objects.requireNonNull(r.marks(), "phase without a mark");
        boolean asExpected = expectAll
                ? m.inPhase() == m.okInPhase() && m.inWindow() == r.ok() && r.lost() == 0 && r.non2xx() == 0
                : m.inPhase() == 0;
        line(String.format(Locale.ROOT, "%s: '%s' on %d of %d answers in the measured window, %d of %d in the phase "
                        + "(warm-up included)%s", r.label().trim().replaceAll(" +", " "), m.mark(), m.inWindow(), r.ok(),
                m.inPhase(), m.okInPhase(), asExpected ? "" : expectAll ? "  <-- expected all" : "  <-- expected none"));
    }

    void lossAtRate(LoadResult sluice) {
        if (sluice.lost() != 0 || sluice.non2xx() != 0) {
            line(String.format(Locale.ROOT, "fixed rate through sluice: LOST=%d FAILED=%d  <-- expected 0",
                    sluice.lost(), sluice.non2xx()));
        }
    }

    void memory(long pid, ProcessMemory m) {
        line(String.format(Locale.ROOT, "sluice (pid %d) resident memory after load: VmRSS %.1f MiB, peak VmHWM %.1f MiB",
                pid, m.rssKib() / 1024.0, m.peakRssKib() / 1024.0));
    }

    private static String percentiles(LoadResult r) {
        return ms(r.percentileMicros(50)) + " / " + ms(r.percentileMicros(90)) + " / " + ms(r.percentileMicros(99));
    }

    private static String chunks(StreamFigures s) {
        return s.minChunks() == s.maxChunks() ? Long.toString(s.minChunks()) : s.minChunks() + "-" + s.maxChunks();
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    private static String signedMs(long micros) {
        return (micros >= 0 ? "+" : "") + ms(micros);
    }
}
