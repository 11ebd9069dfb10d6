package io.sluice.processors.invoker;

import java.time.Duration;

/**
 * How the invoker runs.
 *
 * @param groupId         the consumer group of all invoker instances
 * @param maxInFlight     the most records being worked on at once (calls plus their produces);
 *                        consumption pauses at the bound
 * @param shutdownTimeout how long {@link Invoker#close()} waits for calls in flight, and how long a
 *                        rebalance waits for the calls of the partitions it takes away; null means
 *                        {@link #DEFAULT_SHUTDOWN_TIMEOUT}
 * @param maxRecordBytes  the largest record the invoker's producers must write: the ingress's
 *                        largest body plus {@code KafkaClientProps.RECORD_OVERHEAD_BYTES}
 * @param resilience      retries, fallbacks and circuit breakers; null means {@link ResiliencePolicy#DEFAULT}
 * @param batch           off-peak windows and the capacity guard of {@code invocations.batch}; null
 *                        means {@link BatchSchedule#alwaysOpen(int)}
 */
public record InvokerSettings(String groupId, int maxInFlight, Duration shutdownTimeout, int maxRecordBytes,
        ResiliencePolicy resilience, BatchSchedule batch) {
    public static final int DEFAULT_MAX_IN_FLIGHT = 1024;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    public InvokerSettings {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("invoker.group-id must not be blank");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("invoker.max-in-flight must be at least 1");
        }
        shutdownTimeout = shutdownTimeout == null ? DEFAULT_SHUTDOWN_TIMEOUT : shutdownTimeout;
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("invoker.shutdown-timeout must not be negative");
        }
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("invoker max record bytes must be positive");
        }
        resilience = resilience == null ? ResiliencePolicy.DEFAULT : resilience;
        batch = batch == null ? BatchSchedule.alwaysOpen(maxInFlight) : batch;
        if (batch.maxInFlight() > maxInFlight) {
            throw new IllegalArgumentException("batch-schedule.guard.max-in-flight (" + batch.maxInFlight()
                    + ") must not exceed invoker.max-in-flight (" + maxInFlight + ")");
        }
    }

    /** Settings with batch work always open. */
    public InvokerSettings(String groupId, int maxInFlight, Duration shutdownTimeout, int maxRecordBytes,
            ResiliencePolicy resilience) {
        this(groupId, maxInFlight, shutdownTimeout, maxRecordBytes, resilience, null);
    }

    /** Settings with the default resilience policy. */
    public InvokerSettings(String groupId, int maxInFlight, Duration shutdownTimeout, int maxRecordBytes) {
        this(groupId, maxInFlight, shutdownTimeout, maxRecordBytes, null, null);
    }
}
