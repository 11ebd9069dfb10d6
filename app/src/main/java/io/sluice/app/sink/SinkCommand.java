package io.sluice.app.sink;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sluice sink}: consumers that land Sluice's topics elsewhere; {@code postgres} for analysts'
 * SQL, {@code files} for object stores and data lakes.
 */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Land Sluice's topics in other systems.",
        subcommands = {PostgresSinkCommand.class, FilesSinkCommand.class})
public final class SinkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
