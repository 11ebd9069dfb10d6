package io.sluice.app.config;

import static io.sluice.app.config.SluiceConfig.ipRanges;
import static io.sluice.app.config.SluiceConfig.requireName;
import static io.sluice.app.config.SluiceConfig.requirePort;
import static io.sluice.app.config.SluiceConfig.requirePositive;
import static io.sluice.app.config.SluiceConfig.requireUnique;

import io.sluice.ingress.IngressSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * The HTTP ingress.
 *
 * @param readDeadline        how long a request's head and body may take to arrive (408 after)
 * @param idleTimeout         how long a connection with no request in progress stays open
 * @param tls                 serve HTTPS from these PEM files; absent for plain HTTP
 * @param trustedProxies      CIDR blocks of the proxies whose {@code X-Forwarded-For} is believed
 * @param adminKeys           keys for the admin routes, hashed at load like tenants' keys
 * @param metricsRequireAdmin whether {@code GET /metrics} needs an admin key
 * @param dashboardWindow     how many minutes of the metrics topic the dashboard keeps and shows
 * @param keyRotationGrace    how long a key rotated through the admin API keeps its previous secret working
 */
public record IngressSection(
        String host,
        Integer port,
        Integer maxBodyBytes,
        Integer maxJsonDepth,
        java.time.Duration requestTimeout,
        Integer replyPartition,
        Integer ioThreads,
        java.time.Duration readDeadline,
        java.time.Duration idleTimeout,
        TlsSection tls,
        List<String> trustedProxies,
        List<AdminKeySection> adminKeys,
        Boolean metricsRequireAdmin,
        java.time.Duration dashboardWindow,
        java.time.Duration keyRotationGrace) {
    public IngressSection {
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 8080 : port;
        maxBodyBytes = maxBodyBytes == null ? 4 * 1024 * 1024 : maxBodyBytes;
        maxJsonDepth = maxJsonDepth == null ? 32 : maxJsonDepth;
        requestTimeout = requestTimeout == null ? java.time.Duration.ofSeconds(300) : requestTimeout;
        ioThreads = ioThreads == null ? 0 : ioThreads;
        readDeadline = readDeadline == null ? IngressSettings.DEFAULT_READ_DEADLINE : readDeadline;
        idleTimeout = idleTimeout == null ? IngressSettings.DEFAULT_IDLE_TIMEOUT : idleTimeout;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        adminKeys = adminKeys == null ? List.of() : List.copyOf(adminKeys);
        metricsRequireAdmin = metricsRequireAdmin != null && metricsRequireAdmin;
        dashboardWindow = dashboardWindow == null ? IngressSettings.DEFAULT_DASHBOARD_WINDOW : dashboardWindow;
        keyRotationGrace = keyRotationGrace == null ? io.sluice.ingress.AdminSettings.DEFAULT_KEY_ROTATION_GRACE
                : keyRotationGrace;
        if (keyRotationGrace.isNegative()) {
            throw new ConfigException("ingress.key-rotation-grace must not be negative");
        }
        requirePort("ingress.port", port);
        requirePositive("ingress.read-deadline", readDeadline);
        requirePositive("ingress.idle-timeout", idleTimeout);
        ipRanges(trustedProxies, "ingress.trusted-proxies");
        requireUnique("ingress.admin-keys", adminKeys.stream().map(AdminKeySection::id).toList());
        if (metricsRequireAdmin && adminKeys.isEmpty()) {
            throw new ConfigException("ingress.metrics-require-admin needs at least one ingress.admin-keys entry");
        }
        if (dashboardWindow.toMinutes() < 1 || dashboardWindow.compareTo(IngressSettings.MAX_DASHBOARD_WINDOW) > 0
                || !dashboardWindow.equals(java.time.Duration.ofMinutes(dashboardWindow.toMinutes()))) {
            throw new ConfigException("ingress.dashboard-window must be whole minutes from 1m to 24h, was "
                    + dashboardWindow);
        }
    }

    static IngressSection defaults() {
        return new IngressSection(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public IngressSection withPort(int p) {
        return new IngressSection(host, p, maxBodyBytes, maxJsonDepth, requestTimeout, replyPartition, ioThreads,
                readDeadline, idleTimeout, tls, trustedProxies, adminKeys, metricsRequireAdmin, dashboardWindow,
                keyRotationGrace);
    }

    /** The ingress's certificate chain and private key, PEM files (the key unencrypted PKCS#8). */
    public record TlsSection(Path certFile, Path keyFile) {
        public TlsSection {
            if (certFile == null || keyFile == null) {
                throw new ConfigException("ingress.tls needs both cert-file and key-file");
            }
        }
    }

    /**
     * A key for the ingress's admin routes: its {@code secret} (a placeholder only) or its SHA-256 in
     * hex. The secret is hashed at load and not kept.
     */
    public record AdminKeySection(String id, String secret, String sha256) {
        public AdminKeySection {
            requireName("ingress.admin-keys[].id", id);
            if ((secret == null) == (sha256 == null)) {
                throw new ConfigException("ingress.admin-keys[id=" + id + "]: give exactly one of secret or sha256");
            }
            if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
                throw new ConfigException("ingress.admin-keys[id=" + id + "].sha256 must be 64 hex digits");
            }
            if (secret != null && secret.length() < 16) {
                throw new ConfigException("ingress.admin-keys[id=" + id + "].secret must be at least 16 characters");
            }
        }

        @Override
        public String toString() {
            return "AdminKeySection[id=" + id + "]";
        }
    }
}
