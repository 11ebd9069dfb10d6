package io.sluice.app.audit;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sluice audit}: the audit trail's checks; {@code verify} checks its hash chains. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Checks of the tamper-evident audit trail.",
        subcommands = {VerifyCommand.class})
public final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
