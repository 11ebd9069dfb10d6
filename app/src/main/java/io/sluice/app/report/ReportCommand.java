package io.sluice.app.report;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice report}: reports read from Sluice's topics; {@code costs} is the chargeback and showback report. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Reports read from Sluice's topics.",
        subcommands = {CostsCommand.class})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
