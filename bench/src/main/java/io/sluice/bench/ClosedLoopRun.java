package io.sluice.bench;

import java.time.Duration;

/** Every connection sends its next request as soon as the previous response is complete. */
final class ClosedLoopRun extends LoadRun {

    ClosedLoopRun(Duration warmup, Duration measure) {
        super(warmup, measure);
    }

    @Override
    void onIdle(ClientConnection connection) {
        long now = System.nanoTime();
        if (!started() || stopped() || now >= measureEnd()) {
            return;
        }
        outstanding.incrementAndGet();
        connection.send(now);
    }
}
