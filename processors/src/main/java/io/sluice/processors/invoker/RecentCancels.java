package io.sluice.processors.invoker;

import io.sluice.avro.Cancellation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cancellations of requests this invoker is not calling yet: the invocation may still be queued
 * (backpressure), in a partition not read so far, or owned by another instance. Bounded: the
 * oldest are forgotten first, and a forgotten one only means a call that runs to its end.
 * Poll thread only.
 */
final class RecentCancels {
    private final Map<String, Cancellation> byRequestId;

    RecentCancels(int capacity) {
        this.byRequestId = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cancellation> eldest) {
                return size() > capacity;
            }
        };
    }

    void remember(Cancellation cancellation) {
        byRequestId.put(cancellation.getRequestId(), cancellation);
    }

    /** The cancellation of this request, forgotten as it is returned; null if there is none. */
    Cancellation take(String requestId) {
        return byRequestId.remove(requestId);
    }
}
