package io.sluice.ingress;

import java.nio.file.Path;
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
 * @param readDeadline   how long a request's head and body may take to arrive, from its first byte;
 *                       a slower one is answered 408 and its connection closed
 * @param idleTimeout    a connection with no request in progress is closed after this long
 * @param tls            serve HTTPS with this certificate and key; null for plain HTTP
 * @param trustedProxies the peers whose {@code X-Forwarded-For} names the client; none by default
 * @param metricsRequireAdmin whether {@code GET /metrics} needs an admin key
 * @param dashboardWindow how much of the metrics topic the dashboard keeps and shows: whole
 *                        minutes, from one minute to a day
 */
public record IngressSettings(
        String host,
        int port,
        int maxBodyBytes,
        int maxJsonDepth,
        Duration requestTimeout,
        Integer replyPartition,
        int ioThreads,
        Duration readDeadline,
        Duration idleTimeout,
        Tls tls,
        IpRanges trustedProxies,
        boolean metricsRequireAdmin,
        Duration dashboardWindow) {

    /** A chat request nests this deep by itself: body, messages, message, content part. */
    public static final int MIN_JSON_DEPTH = 4;
    public static final Duration DEFAULT_READ_DEADLINE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_DASHBOARD_WINDOW = Duration.ofMinutes(60);
    public static final Duration MAX_DASHBOARD_WINDOW = Duration.ofDays(1);

    /**
     * PEM files of the server's certificate chain and its unencrypted PKCS#8 private key.
     *
     * @param certFile {@code ingress.tls.cert-file}
     * @param keyFile  {@code ingress.tls.key-file}
     */
    public record Tls(Path certFile, Path keyFile) {
        public Tls {
            if (certFile == null || keyFile == null) {
                throw new IllegalArgumentException("ingress.tls needs both cert-file and key-file");
            }
        }
    }

    /** Settings with the default perimeter: plain HTTP, no trusted proxy, default deadlines, open metrics. */
    public IngressSettings(String host, int port, int maxBodyBytes, int maxJsonDepth, Duration requestTimeout,
                           Integer replyPartition, int ioThreads) {
        this(host, port, maxBodyBytes, maxJsonDepth, requestTimeout, replyPartition, ioThreads,
                DEFAULT_READ_DEADLINE, DEFAULT_IDLE_TIMEOUT, null, IpRanges.none(), false);
    }

    /** Settings with the default dashboard window. */
    public IngressSettings(String host, int port, int maxBodyBytes, int maxJsonDepth, Duration requestTimeout,
                           Integer replyPartition, int ioThreads, Duration readDeadline, Duration idleTimeout, Tls tls,
                           IpRanges trustedProxies, boolean metricsRequireAdmin) {
        this(host, port, maxBodyBytes, maxJsonDepth, requestTimeout, replyPartition, ioThreads, readDeadline,
                idleTimeout, tls, trustedProxies, metricsRequireAdmin, DEFAULT_DASHBOARD_WINDOW);
    }

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
        requirePositive("ingress.read-deadline", readDeadline);
        requirePositive("ingress.idle-timeout", idleTimeout);
        dashboardWindow = dashboardWindow == null ? DEFAULT_DASHBOARD_WINDOW : dashboardWindow;
        if (dashboardWindow.toMinutes() < 1 || dashboardWindow.compareTo(MAX_DASHBOARD_WINDOW) > 0
                || !dashboardWindow.equals(Duration.ofMinutes(dashboardWindow.toMinutes()))) {
            throw new IllegalArgumentException(
                    "ingress.dashboard-window must be whole minutes from 1m to 24h, was " + dashboardWindow);
        }
        trustedProxies = trustedProxies == null ? IpRanges.none() : trustedProxies;
    }

    private static void requirePositive(String path, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(path + " must be positive, was " + duration);
        }
    }
}
