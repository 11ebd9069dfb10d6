package io.sluice.app.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.SluiceCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line of {@code sluice sink postgres}; landing records is PostgresSinkIT's job. */
class PostgresSinkCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int sluice(String... args) {
        return new CommandLine(new SluiceCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void sinkPostgresIsASubcommandWithTheDatabaseAndSharedKafkaOptions() {
        int exit = sluice("sink", "postgres", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: sluice sink postgres")
                .contains("--jdbc-url", "--user", "--password-env", "--bootstrap-servers", "--schema-registry-url",
                        "--metrics-port");
    }

    @Test
    void aUrlOfAnotherDatabaseIsRefusedNamingTheOption() {
        int exit = sluice("sink", "postgres", "--jdbc-url", "jdbc:mysql://db/x", "--bootstrap-servers", "127.0.0.1:1",
                "--schema-registry-url", "http://127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--jdbc-url must start with jdbc:postgresql:");
    }

    @Test
    void aPasswordVariableThatIsNotSetIsNamed() {
        int exit = sluice("sink", "postgres", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/x",
                "--password-env", "SLUICE_TEST_SURELY_UNSET_PASSWORD", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("SLUICE_TEST_SURELY_UNSET_PASSWORD is not set");
    }

    @Test
    void aClusterWithoutARegistryUrlIsRefused() {
        int exit = sluice("sink", "postgres", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/x",
                "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--schema-registry-url");
    }

    @Test
    void anUnreachableDatabaseFailsAtStartNamingItWithoutItsParameters() {
        int exit = sluice("sink", "postgres", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/x?password=hunter2",
                "--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "http://127.0.0.1:1", "--metrics-port", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("cannot start the PostgreSQL sink on jdbc:postgresql://127.0.0.1:1/x?...")
                .doesNotContain("hunter2");
    }
}
