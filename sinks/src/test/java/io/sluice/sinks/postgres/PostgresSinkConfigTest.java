package io.sluice.sinks.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresSinkConfigTest {

    @Test
    void aUrlThatIsNotPostgresIsRefusedNamingTheSettingWithoutItsQuery() {
        assertThatThrownBy(() -> PostgresSinkConfig.of("jdbc:mysql://db/x?password=secret", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sink.postgres.jdbc-url")
                .hasMessageNotContaining("secret");
    }

    @Test
    void backoffMustGrowAndThePasswordNeverPrints() {
        assertThatThrownBy(() -> new PostgresSinkConfig("jdbc:postgresql://db/x", null, null, Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("sink.postgres.max-backoff");
        var config = PostgresSinkConfig.of("jdbc:postgresql://db/x?password=hunter2", "sluice", "hunter2");
        assertThat(config.toString()).doesNotContain("hunter2").contains("jdbc:postgresql://db/x?...");
    }

    @Test
    void lostConnectionsAndTerminatedBackendsAreRetriedButDataErrorsAreNot() {
        assertThat(PostgresSink.isTransient(new SQLException("gone", "08006"))).isTrue();
        assertThat(PostgresSink.isTransient(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(PostgresSink.isTransient(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(PostgresSink.isTransient(new SQLException("invalid input", "22P02"))).isFalse();
        assertThat(PostgresSink.isTransient(new SQLException("bad password", "28P01"))).isFalse();
    }
}
