package io.sluice.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.SluiceCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line of {@code sluice report costs}; reading a real broker is an IT elsewhere. */
class CostsCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int sluice(String... args) {
        return new CommandLine(new SluiceCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void theHelpSaysToIsExclusiveAndTakesTheSharedKafkaOptions() {
        int exit = sluice("report", "costs", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: sluice report costs")
                .contains("--from", "--to", "EXCLUSIVE", "--format", "csv|focus|html", "--output")
                .contains("--bootstrap-servers", "--config");
    }

    @Test
    void reportIsASubcommandOfSluice() {
        assertThat(sluice("--help")).isZero();
        assertThat(out.toString()).contains("report");
        assertThat(sluice("report", "--help")).isZero();
        assertThat(out.toString()).contains("costs");
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefused() {
        int exit = sluice("report", "costs", "--from", "2025-05-02", "--to", "2025-05-02", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("exclusive");
    }

    @Test
    void anUnknownFormatIsRefused() {
        int exit = sluice("report", "costs", "--from", "2025-05-01", "--to", "2025-05-02", "--format", "pdf",
                "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--format must be csv, focus or html");
    }

    @Test
    void anUnreachableClusterFailsWithinTheTimeoutNamingIt() {
        long start = System.nanoTime();

        int exit = sluice("report", "costs", "--from", "2025-05-01", "--to", "2025-05-02",
                "--bootstrap-servers", "127.0.0.1:1", "--timeout", "1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read the costs topic from Kafka at 127.0.0.1:1");
        assertThat(out.toString()).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(15);
    }
}
