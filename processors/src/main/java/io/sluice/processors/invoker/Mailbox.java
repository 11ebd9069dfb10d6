package io.sluice.processors.invoker;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands work from provider and producer threads to the poll thread. A post while the poll thread
 * waits in {@code poll} wakes it (through {@code waker}, the consumer's {@code wakeup}), so a
 * finished call is answered at once rather than after the poll timeout.
 */
final class Mailbox {
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final AtomicBoolean waiting = new AtomicBoolean();
    private final Runnable waker;

    Mailbox(Runnable waker) {
        this.waker = waker;
    }

    /** Any thread: queue a task for the poll thread. */
    void post(Runnable task) {
        tasks.add(task);
        if (waiting.compareAndSet(true, false)) {
            waker.run();
        }
    }

    /** Poll thread: runs every queued task. */
    void runAll() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** Poll thread: waits up to the timeout for a task, then runs every queued task. */
    void awaitAndRunAll(long timeoutNanos) {
        try {
            Runnable first = tasks.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            if (first != null) {
                first.run();
                runAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Poll thread: about to wait in {@code poll}; from now on a post wakes it. Returns false when
     * tasks are already queued, so the caller should not wait at all.
     */
    boolean prepareToWait() {
        waiting.set(true);
        return tasks.isEmpty();
    }

    /** Poll thread: done waiting. */
    void awake() {
        waiting.set(false);
    }
}
