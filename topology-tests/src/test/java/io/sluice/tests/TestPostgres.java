package io.sluice.tests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL schema of one test's own: on the server at {@code SLUICE_TEST_PG_URL} (a JDBC URL
 * with its user, e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}) when it is set,
 * otherwise on an embedded server started for the test. The schema has a random name and is
 * dropped on close.
 */
final class TestPostgres implements AutoCloseable {
    static final String ENV = "SLUICE_TEST_PG_URL";

    private final EmbeddedPostgres embedded;
    private final String serverUrl;
    private final String schema = "sluice_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private TestPostgres(EmbeddedPostgres embedded, String serverUrl) throws SQLException {
        this.embedded = embedded;
        this.serverUrl = serverUrl;
        try (Connection c = DriverManager.getConnection(serverUrl); Statement st = c.createStatement()) {
            st.execute("create schema " + schema);
        }
    }

    static TestPostgres start() throws SQLException {
        String url = System.getenv(ENV);
        if (url != null && !url.isBlank()) {
            return new TestPostgres(null, url.startsWith("jdbc:") ? url : "jdbc:" + url);
        }
        EmbeddedPostgres embedded;
        try {
            embedded = EmbeddedPostgres.builder().start();
        } catch (IOException | RuntimeException e) {
            // e.g. no embedded binaries for this platform: say how to point the test at a server instead
            Assumptions.abort("no PostgreSQL: " + ENV + " is not set and an embedded server did not start ("
                    + e.getMessage() + ")");
            throw new AssertionError("unreachable");
        }
        return new TestPostgres(embedded, embedded.getJdbcUrl("postgres", "postgres"));
    }

    /** A URL whose connections work in this test's schema and carry {@code applicationName}. */
    String url(String applicationName) {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&ApplicationName="
                + applicationName;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url("sluice-it-check"));
    }

    /** Terminates every server connection named {@code applicationName}; how many there were. */
    int terminate(String applicationName) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl);
                var ps = c.prepareStatement("select count(*) filter (where pg_terminate_backend(pid)) "
                        + "from pg_stat_activity where application_name = ?")) {
            ps.setString(1, applicationName);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    public void close() throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement st = c.createStatement()) {
            st.execute("drop schema if exists " + schema + " cascade");
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
