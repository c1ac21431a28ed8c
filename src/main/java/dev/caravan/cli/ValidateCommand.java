package dev.caravan.cli;

import dev.caravan.model.CaravanConfig;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/** {@code caravan validate}: every problem in the configuration, or a one-line summary. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the configuration and print every problem as file:line: key: message. Exit 2 if any.")
public final class ValidateCommand extends ConfigCommand {

    @Override
    int execute(Path directory, CaravanConfig config) {
        System.out.printf("%s: OK (%d connections, %d syncs, %d sequences)%n", directory,
                config.connections().size(), config.syncs().size(), config.sequences().size());
        return ExitCodes.OK;
    }
}
