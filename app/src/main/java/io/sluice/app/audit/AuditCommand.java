package io.sluice.app.audit;

import picocli.CommandLine.Command;

/** {@code sluice audit}: the audit trail's checks; {@code verify} checks its hash chains. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Checks of the tamper-evident audit trail.",
        subcommands = {VerifyCommand.class})
public final class AuditCommand extends io.sluice.app.GroupCommand {
}
