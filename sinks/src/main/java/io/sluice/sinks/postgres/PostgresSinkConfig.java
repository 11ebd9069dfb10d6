package io.sluice.sinks.postgres;

import java.time.Duration;

/**
 * How the PostgreSQL sink reaches its database and how patiently it waits for it.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/database}, optionally with parameters such as
 *     {@code currentSchema} (the schema the tables live in) or {@code ApplicationName}
 * @param user database user, or null to take it from the URL
 * @param password database password, or null (never logged)
 * @param pollTimeout how long one consumer poll waits for records
 * @param minBackoff first wait after a failed database transaction
 * @param maxBackoff longest wait between retries while the database is unreachable
 */
public record PostgresSinkConfig(String jdbcUrl, String user, String password, Duration pollTimeout,
        Duration minBackoff, Duration maxBackoff) {

    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

    public PostgresSinkConfig {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("sink.postgres.jdbc-url must start with jdbc:postgresql:, was "
                    + (jdbcUrl == null ? "missing" : "'" + redactedUrl(jdbcUrl) + "'"));
        }
        if (user != null && user.isBlank()) {
            throw new IllegalArgumentException("sink.postgres.user must not be blank when given");
        }
        requirePositive("sink.postgres.poll-timeout", pollTimeout);
        requirePositive("sink.postgres.min-backoff", minBackoff);
        requirePositive("sink.postgres.max-backoff", maxBackoff);
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("sink.postgres.max-backoff (" + maxBackoff
                    + ") must not be shorter than sink.postgres.min-backoff (" + minBackoff + ")");
        }
    }

    /** The given database with the default poll timeout and backoff. */
    public static PostgresSinkConfig of(String jdbcUrl, String user, String password) {
        return new PostgresSinkConfig(jdbcUrl, user, password, DEFAULT_POLL_TIMEOUT, DEFAULT_MIN_BACKOFF,
                DEFAULT_MAX_BACKOFF);
    }

    /** The URL without its query string, which may carry a password: safe for logs and errors. */
    public String redactedUrl() {
        return redactedUrl(jdbcUrl);
    }

    static String redactedUrl(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }

    @Override
    public String toString() {
        return "PostgresSinkConfig[jdbcUrl=" + redactedUrl() + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + ", pollTimeout=" + pollTimeout + ", minBackoff=" + minBackoff
                + ", maxBackoff=" + maxBackoff + "]";
    }

    private static void requirePositive(String path, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(path + " must be a positive duration, was " + value);
        }
    }
}
