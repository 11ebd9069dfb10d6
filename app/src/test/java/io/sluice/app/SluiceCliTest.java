package io.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class SluiceCliTest {

    @ParameterizedTest
    @ValueSource(strings = {"start", "ingress", "processors", "invoker", "registry"})
    void everyCommandHasHelp(String command) {
        var out = new StringWriter();
        int exit = new CommandLine(new SluiceCli()).setOut(new PrintWriter(out)).execute(command, "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: sluice " + command).contains("--config");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "admin tenants", "admin keys", "admin models", "prompts", "batch", "report", "sink",
            "audit"})
    void aGroupOfCommandsRunOnItsOwnPrintsItsUsageAndExitsTwo(String group) {
        var err = new StringWriter();
        int exit = new CommandLine(new SluiceCli()).setErr(new PrintWriter(err)).execute(group.split(" "));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Usage: sluice " + group);
    }

    @Test
    void topLevelHelpListsTheCommands() {
        var out = new StringWriter();
        int exit = new CommandLine(new SluiceCli()).setOut(new PrintWriter(out)).execute("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("start", "ingress", "processors", "invoker", "registry");
    }

    @Test
    void distributedCommandsRefuseToRunWithoutACluster() {
        var err = new StringWriter();
        int exit = new CommandLine(new SluiceCli()).setErr(new PrintWriter(err)).execute("invoker");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--bootstrap-servers");
    }

    @Test
    void distributedCommandsNeedASharedSchemaRegistry() {
        var err = new StringWriter();
        int exit = new CommandLine(new SluiceCli()).setErr(new PrintWriter(err))
                .execute("ingress", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--schema-registry-url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"processors", "invoker", "registry"})
    void commandsWithoutAnIngressTakeAMetricsPort(String command) {
        var out = new StringWriter();
        new CommandLine(new SluiceCli()).setOut(new PrintWriter(out)).execute(command, "--help");

        assertThat(out.toString()).contains("--metrics-port");
    }

    @Test
    void aMetricsPortOutOfRangeIsRefused() {
        var err = new StringWriter();
        int exit = new CommandLine(new SluiceCli()).setErr(new PrintWriter(err))
                .execute("processors", "--bootstrap-servers", "127.0.0.1:1", "--metrics-port", "70000");

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--metrics-port").contains("metrics.port");
    }
}
