package io.sluice.app.report;

import picocli.CommandLine.Command;

/** {@code sluice report}: reports read from Sluice's topics; {@code costs} is the chargeback and showback report. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Reports read from Sluice's topics.",
        subcommands = {CostsCommand.class})
public final class ReportCommand extends io.sluice.app.GroupCommand {
}
