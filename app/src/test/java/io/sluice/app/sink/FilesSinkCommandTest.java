package io.sluice.app.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.app.SluiceCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line of {@code sluice sink files}; landing records is FileSinkIT's job. */
class FilesSinkCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int sluice(String... args) {
        return new CommandLine(new SluiceCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void sinkFilesIsASubcommandWithItsLimitsAndTheSharedKafkaOptions() {
        int exit = sluice("sink", "files", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: sluice sink files")
                .contains("--dir", "--group-id", "--max-file-bytes", "--grace-seconds", "--bootstrap-servers",
                        "--schema-registry-url");
    }

    @Test
    void theDirectoryIsRequired() {
        int exit = sluice("sink", "files", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--dir");
    }

    @Test
    void aBadLimitIsRefusedNamingTheOption(@TempDir Path dir) {
        int exit = sluice("sink", "files", "--dir", dir.toString(), "--max-file-bytes", "0", "--bootstrap-servers",
                "127.0.0.1:1", "--schema-registry-url", "http://127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--max-file-bytes must be positive");
    }

    @Test
    void aDirectoryThatCannotBeCreatedFailsAtStartNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");

        int exit = sluice("sink", "files", "--dir", file.resolve("lake").toString(), "--bootstrap-servers", "127.0.0.1:1",
                "--schema-registry-url", "http://127.0.0.1:1");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("cannot start the file sink in " + file.resolve("lake"));
    }
}
