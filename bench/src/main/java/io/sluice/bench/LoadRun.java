package io.sluice.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * The shared state of one load phase: the measurement window, the outstanding count and the
 * statistics. Connections call it from their event loops; the pacing policy is the subclass's.
 * Only requests whose (intended) send time falls in the window are counted.
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
        if (stopped) {
            return;
        }
        outstanding.decrementAndGet();
        if (!inWindow(sendNanos)) {
            return;
        }
        if (status >= 200 && status < 300) {
            ok.increment();
            latencies.recordValue(Math.min(MAX_TRACKED_MICROS, Math.max(0, (nowNanos - sendNanos) / 1000)));
        } else {
            non2xx.increment();
        }
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

    final LoadResult result(String label) {
        return new LoadResult(label, Duration.ofNanos(measureNanos), latencies.getIntervalHistogram(),
                ok.sum(), non2xx.sum(), errors.sum(), dropped.sum());
    }
}
