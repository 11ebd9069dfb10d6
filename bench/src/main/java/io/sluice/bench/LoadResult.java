package io.sluice.bench;

import java.time.Duration;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * The measured window of one load phase (warm-up excluded).
 *
 * @param latencyMicros latencies of the 2xx responses, in microseconds (from the intended send time in
 *                      fixed-rate mode, from the actual send time in closed-loop mode)
 * @param ok            2xx responses
 * @param non2xx        responses with any other status (FAILED)
 * @param errors        requests without a response: I/O errors, timeouts, still outstanding at the end (LOST)
 * @param dropped       fixed-rate sends never attempted because the outstanding bound was reached (LOST)
 * @param streams       for a streamed phase, its time to first token and chunks (then {@code ok} counts the
 *                      streams that ended with {@code [DONE]} and {@code latencyMicros} their total time);
 *                      null for completions
 * @param marks         for a phase whose target {@linkplain HttpTarget#mark() marks} answers, how many 2xx
 *                      answers carried the mark; null otherwise
 */
public record LoadResult(String label, Duration measured, Histogram latencyMicros,
                         long ok, long non2xx, long errors, long dropped, StreamFigures streams, MarkCount marks) {

    /** The figures of a phase of completions (not streamed). */
    public LoadResult(String label, Duration measured, Histogram latencyMicros, long ok, long non2xx, long errors,
                      long dropped) {
        this(label, measured, latencyMicros, ok, non2xx, errors, dropped, null, null);
    }

    /** The figures of a phase of completions, or of streams with their {@code streams} figures. */
    public LoadResult(String label, Duration measured, Histogram latencyMicros, long ok, long non2xx, long errors,
                      long dropped, StreamFigures streams) {
        this(label, measured, latencyMicros, ok, non2xx, errors, dropped, streams, null);
    }

    public LoadResult {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(latencyMicros, "latencyMicros");
        if (measured.isZero() || measured.isNegative()) {
            throw new IllegalArgumentException("measured must be positive, was " + measured);
        }
        if (ok < 0 || non2xx < 0 || errors < 0 || dropped < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** Responses (any status) per second of the measured window; of streams, those that ended with [DONE] or non-2xx. */
    public double requestsPerSecond() {
        return (ok + non2xx) / (measured.toNanos() / 1e9);
    }

    /** The latency at {@code percentile} (0..100) in microseconds; 0 when nothing succeeded. */
    public long percentileMicros(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile);
    }

    public long maxMicros() {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMaxValue();
    }

    /** Requests that got no response at all. */
    public long lost() {
        return errors + dropped;
    }

    /** Streams that did not end with {@code [DONE]}: no response at all, or broken after the head. */
    public long lostStreams() {
        return lost() + (streams == null ? 0 : streams.broken());
    }
}
