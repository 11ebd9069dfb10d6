package io.sluice.ingress;

import java.time.Duration;

/**
 * How the HTTP ingress listens and what it accepts. Validated on construction; messages name the
 * configuration path ({@code ingress.*}) so that a bad file points at the offending key.
 *
 * @param host           the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port           the port to bind; 0 picks a free one (see {@link IngressServer#port()})
 * @param maxBodyBytes   the largest request body accepted; larger bodies are answered 413
 * @param maxJsonDepth   the deepest JSON nesting accepted in a request body
 * @param requestTimeout how long a client waits for its reply before a 504
 * @param replyPartition the partition of the replies topic this instance reads; null picks one
 * @param ioThreads      Netty event-loop threads; 0 means Netty's default
 */
public record IngressSettings(
        String host,
        int port,
        int maxBodyBytes,
        int maxJsonDepth,
        Duration requestTimeout,
        Integer replyPartition,
        int ioThreads) {

    /** A chat request nests this deep by itself: body, messages, message, content part. */
    public static final int MIN_JSON_DEPTH = 4;

    public IngressSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("ingress.host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("ingress.port must be 0..65535, was " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("ingress.max-body-bytes must be positive, was " + maxBodyBytes);
        }
        if (maxJsonDepth < MIN_JSON_DEPTH) {
            throw new IllegalArgumentException(
                    "ingress.max-json-depth must be at least " + MIN_JSON_DEPTH + ", was " + maxJsonDepth);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("ingress.request-timeout must be positive, was " + requestTimeout);
        }
        if (replyPartition != null && replyPartition < 0) {
            throw new IllegalArgumentException(
                    "ingress.reply-partition must be null or >= 0, was " + replyPartition);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ingress.io-threads must be >= 0 (0: Netty's default), was " + ioThreads);
        }
    }
}
