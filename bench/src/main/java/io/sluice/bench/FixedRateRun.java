package io.sluice.bench;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Open loop: request {@code i} is due at {@code start + i / rate} whatever happened to earlier ones.
 * Due requests wait in a shared queue for the next idle connection, and their latency is measured from
 * the due time, so a stalled server shows up as latency instead of as a slower send rate (no coordinated
 * omission). At most {@code maxOutstanding} requests are queued or in flight; beyond that they are dropped
 * and counted.
 */
final class FixedRateRun extends LoadRun {

    private final double intervalNanos;
    private final int maxOutstanding;
    private final Queue<Long> due = new ConcurrentLinkedQueue<>();
    private final Queue<ClientConnection> idle = new ConcurrentLinkedQueue<>();
    private EventLoop ticker;
    private long firstNanos;
    private long sequence;

    FixedRateRun(int ratePerSecond, int maxOutstanding, Duration warmup, Duration measure) {
        super(warmup, measure);
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1 req/s, was " + ratePerSecond);
        }
        if (maxOutstanding < 1) {
            throw new IllegalArgumentException("maxOutstanding must be at least 1, was " + maxOutstanding);
        }
        this.intervalNanos = 1e9 / ratePerSecond;
        this.maxOutstanding = maxOutstanding;
    }

    /** Starts the clock and the schedule, which runs on {@code ticker}. */
    void begin(long nowNanos, EventLoop ticker) {
        this.ticker = ticker;
        this.firstNanos = nowNanos;
        begin(nowNanos);
        ticker.execute(this::tick);
    }

    @Override
    void onIdle(ClientConnection connection) {
        if (stopped()) {
            return;
        }
        idle.add(connection);
        dispatch();
    }

    @Override
    void onClosed(ClientConnection connection) {
        idle.remove(connection);
    }

    /** Releases every request that is due, then sleeps on the event loop until the next one is. */
    private void tick() {
        if (stopped()) {
            return;
        }
        long now = System.nanoTime();
        long next = dueTime(sequence);
        while (next <= now && next < measureEnd()) {
            release(next);
            next = dueTime(++sequence);
        }
        dispatch();
        if (next < measureEnd()) {
            ticker.schedule(this::tick, Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private long dueTime(long i) {
        return firstNanos + (long) (i * intervalNanos);
    }

    private void release(long dueNanos) {
        if (outstanding.get() >= maxOutstanding) {
            dropped(dueNanos);
            return;
        }
        outstanding.incrementAndGet();
        due.add(dueNanos);
    }

    /**
     * Pairs due requests with idle connections; safe from any thread. Whoever adds the last request or
     * the last idle connection finds the pair, so nothing waits for the next tick.
     */
    private void dispatch() {
        while (!due.isEmpty()) {
            ClientConnection connection = idle.poll();
            if (connection == null) {
                return;
            }
            Long dueNanos = due.poll();
            if (dueNanos == null) {
                idle.add(connection);
                continue;
            }
            connection.send(dueNanos);
        }
    }
}
