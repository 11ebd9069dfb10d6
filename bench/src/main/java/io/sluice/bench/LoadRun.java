package io.sluice.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * The shared state of one load phase: the measurement window, the outstanding count and the
 * statistics. Connections call it from their event loops; the pacing policy is the subclass's.
 * Only requests whose (intended) send time falls in the window are counted. A completion ends with
 * {@link #completed}, a stream with {@link #streamEnded}, a request without a response with {@link #failed}.
 */
abstract class LoadRun {

    private static final long MAX_TRACKED_MICROS = Duration.ofHours(1).toNanos() / 1000;

    private final long warmupNanos;
    private final long measureNanos;
    private final Recorder latencies = new Recorder(3);
    private final LongAdder ok = new LongAdder();
    private final LongAdder non2xx = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder marked = new LongAdder();
    private final LongAdder okInPhase = new LongAdder();
    private final LongAdder markedInPhase = new LongAdder();
    private final Recorder ttft = new Recorder(3);
    private final LongAdder brokenStreams = new LongAdder();
    private final LongAdder contentChunks = new LongAdder();
    private final LongAccumulator minChunks = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator maxChunks = new LongAccumulator(Math::max, 0);
    final AtomicInteger outstanding = new AtomicInteger();
    private volatile long measureStart;
    private volatile long measureEnd = Long.MAX_VALUE;
    private volatile boolean started;
    private volatile boolean stopped;

    LoadRun(Duration warmup, Duration measure) {
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warm-up must not be negative, was " + warmup);
        }
        if (measure.isZero() || measure.isNegative()) {
            throw new IllegalArgumentException("measure must be positive, was " + measure);
        }
        this.warmupNanos = warmup.toNanos();
        this.measureNanos = measure.toNanos();
    }

    /** Opens the clock: warm-up starts now. Connections must already be connected. */
    void begin(long nowNanos) {
        measureStart = nowNanos + warmupNanos;
        measureEnd = measureStart + measureNanos;
        started = true;
    }

    /** A connection is ready for its next request; called on that connection's event loop. */
    abstract void onIdle(ClientConnection connection);

    /** A connection closed; the generator opens a replacement unless the run is over. */
    void onClosed(ClientConnection connection) {
    }

    final boolean started() {
        return started;
    }

    final boolean stopped() {
        return stopped;
    }

    final long measureEnd() {
        return measureEnd;
    }

    final boolean inWindow(long sendNanos) {
        return sendNanos >= measureStart && sendNanos < measureEnd;
    }

    final void completed(long sendNanos, int status, long nowNanos) {
        completed(sendNanos, status, false, nowNanos);
    }

    /**
     * A completion ended; {@code marked}: it carried the target's {@linkplain HttpTarget#mark() mark}.
     * Marked 2xx answers are counted over the whole phase (warm-up included) and in the window.
     */
    final void completed(long sendNanos, int status, boolean marked, long nowNanos) {
        if (stopped) {
            return;
        }
        outstanding.decrementAndGet();
        boolean success = status >= 200 && status < 300;
        if (success) {
            okInPhase.increment();
            if (marked) {
                markedInPhase.increment();
            }
        }
        if (!inWindow(sendNanos)) {
            return;
        }
        if (success) {
            ok.increment();
            if (marked) {
                this.marked.increment();
            }
            latencies.recordValue(micros(nowNanos - sendNanos));
        } else {
            non2xx.increment();
        }
    }

    /**
     * A streamed response ended at {@code endNanos} (its last HTTP chunk). A 2xx stream counts when it
     * ended with [DONE], no error event and some content: its total time goes to the latencies and its time
     * to first token to the TTFT; otherwise it is broken (a LOST stream).
     */
    final void streamEnded(long sendNanos, int status, StreamOutcome stream, long endNanos) {
        if (stopped) {
            return;
        }
        outstanding.decrementAndGet();
        if (!inWindow(sendNanos)) {
            return;
        }
        if (status < 200 || status >= 300) {
            non2xx.increment();
        } else if (!stream.complete()) {
            brokenStreams.increment();
        } else {
            ok.increment();
            latencies.recordValue(micros(endNanos - sendNanos));
            ttft.recordValue(micros(stream.firstContentNanos() - sendNanos));
            contentChunks.add(stream.contentChunks());
            minChunks.accumulate(stream.contentChunks());
            maxChunks.accumulate(stream.contentChunks());
        }
    }

    private static long micros(long nanos) {
        return Math.min(MAX_TRACKED_MICROS, Math.max(0, nanos / 1000));
    }

    final void failed(long sendNanos) {
        if (stopped) {
            return;
        }
        outstanding.decrementAndGet();
        if (inWindow(sendNanos)) {
            errors.increment();
        }
    }

    final void dropped(long intendedNanos) {
        if (inWindow(intendedNanos)) {
            dropped.increment();
        }
    }

    /** Ends the run: later completions are ignored and whatever is still outstanding counts as lost. */
    final void stop() {
        stopped = true;
        errors.add(Math.max(0, outstanding.get()));
    }

    /** The figures of a phase of completions. */
    final LoadResult result(String label) {
        return new LoadResult(label, Duration.ofNanos(measureNanos), latencies.getIntervalHistogram(),
                ok.sum(), non2xx.sum(), errors.sum(), dropped.sum());
    }

    /** The figures of a phase of completions, with how many 2xx answers carried {@code mark}. */
    final LoadResult result(String label, HttpTarget.Mark mark) {
        return new LoadResult(label, Duration.ofNanos(measureNanos), latencies.getIntervalHistogram(),
                ok.sum(), non2xx.sum(), errors.sum(), dropped.sum(), null,
                new MarkCount(mark, marked.sum(), markedInPhase.sum(), okInPhase.sum()));
    }

    /** The figures of a streamed phase, with its time to first token and chunks. */
    final LoadResult streamResult(String label) {
        long fewest = minChunks.get();
        StreamFigures streams = new StreamFigures(ttft.getIntervalHistogram(), brokenStreams.sum(), contentChunks.sum(),
                fewest == Long.MAX_VALUE ? 0 : fewest, maxChunks.get());
        return new LoadResult(label, Duration.ofNanos(measureNanos), latencies.getIntervalHistogram(),
                ok.sum(), non2xx.sum(), errors.sum(), dropped.sum(), streams);
    }
}
