package io.sluice.app.sink;

import picocli.CommandLine.Command;

/**
 * {@code sluice sink}: consumers that land Sluice's topics elsewhere; {@code postgres} for analysts'
 * SQL, {@code files} for object stores and data lakes.
 */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Land Sluice's topics in other systems.",
        subcommands = {PostgresSinkCommand.class, FilesSinkCommand.class})
public final class SinkCommand extends io.sluice.app.GroupCommand {
}
