package io.sluice.processors.invoker;

import java.util.function.BooleanSupplier;

/**
 * Decides whether batch work may start, with hysteresis so that it does not flap: it closes when
 * interactive records in flight reach {@code pauseAt} or a provider's rate limit leaves no
 * headroom, and opens again only once interactive work is down to {@code resumeAt} and the rate
 * limit has passed. Poll thread only.
 */
final class CapacityGuard {
    private final int pauseAt;
    private final int resumeAt;
    private final BooleanSupplier rateLimited;
    private boolean open = true;

    CapacityGuard(int pauseAt, int resumeAt, BooleanSupplier rateLimited) {
        this.pauseAt = pauseAt;
        this.resumeAt = resumeAt;
        this.rateLimited = rateLimited;
    }

    /** Re-evaluates with the interactive records now in flight; true if batch work may start. */
    boolean update(int interactiveInFlight) {
        if (open) {
            open = interactiveInFlight < pauseAt && !rateLimited.getAsBoolean();
        } else {
            open = interactiveInFlight <= resumeAt && !rateLimited.getAsBoolean();
        }
        return open;
    }

    boolean isOpen() {
        return open;
    }
}
