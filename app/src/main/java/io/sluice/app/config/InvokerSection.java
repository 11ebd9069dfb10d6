package io.sluice.app.config;

/** The invoker. */
public record InvokerSection(
        Integer maxInFlight,
        java.time.Duration shutdownTimeout,
        java.time.Duration connectTimeout,
        RetrySection retry,
        CircuitSection circuit) {
    public InvokerSection {
        maxInFlight = maxInFlight == null ? 1024 : maxInFlight;
        shutdownTimeout = shutdownTimeout == null ? java.time.Duration.ofSeconds(30) : shutdownTimeout;
        connectTimeout = connectTimeout == null ? java.time.Duration.ofSeconds(10) : connectTimeout;
        retry = retry == null ? new RetrySection(null, null, null, null) : retry;
        circuit = circuit == null ? new CircuitSection(null, null) : circuit;
        if (maxInFlight < 1) {
            throw new ConfigException("invoker.max-in-flight must be at least 1");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new ConfigException("invoker.connect-timeout must be positive");
        }
    }

    static InvokerSection defaults() {
        return new InvokerSection(null, null, null, null, null);
    }

    /** Retries and fallbacks of one request (see the invoker's {@code ResiliencePolicy}). */
    public record RetrySection(
            Integer maxAttempts,
            java.time.Duration initialBackoff,
            java.time.Duration maxBackoff,
            java.time.Duration maxRetryAfter) {
        public RetrySection {
            maxAttempts = maxAttempts == null ? 4 : maxAttempts;
            initialBackoff = initialBackoff == null ? java.time.Duration.ofMillis(100) : initialBackoff;
            maxBackoff = maxBackoff == null ? java.time.Duration.ofSeconds(2) : maxBackoff;
            maxRetryAfter = maxRetryAfter == null ? java.time.Duration.ofSeconds(10) : maxRetryAfter;
            if (maxAttempts < 1) {
                throw new ConfigException("invoker.retry.max-attempts must be at least 1");
            }
        }
    }

    /** The circuit breaker of every deployment. */
    public record CircuitSection(Integer failureThreshold, java.time.Duration openFor) {
        public CircuitSection {
            failureThreshold = failureThreshold == null ? 5 : failureThreshold;
            openFor = openFor == null ? java.time.Duration.ofSeconds(30) : openFor;
            if (failureThreshold < 1) {
                throw new ConfigException("invoker.circuit.failure-threshold must be at least 1");
            }
            if (openFor.isNegative() || openFor.isZero()) {
                throw new ConfigException("invoker.circuit.open-for must be positive");
            }
        }
    }
}
