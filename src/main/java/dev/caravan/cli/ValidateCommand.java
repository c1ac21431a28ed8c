package dev.caravan.cli;

import dev.caravan.config.ConfigException;
import dev.caravan.config.ConfigLoader;
import dev.caravan.model.CaravanConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code caravan validate}: every problem in the configuration, or a one-line summary. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the configuration and print every problem as file:line: key: message. Exit 2 if any.")
public final class ValidateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        try {
            CaravanConfig loaded = ConfigLoader.withSystemEnvironment().load(config.directory());
            System.out.printf("%s: OK (%d connections, %d syncs, %d sequences)%n", config.directory(),
                    loaded.connections().size(), loaded.syncs().size(), loaded.sequences().size());
            return ExitCodes.OK;
        } catch (ConfigException e) {
            return report(e);
        }
    }

    static int report(ConfigException e) {
        e.problems().forEach(System.err::println);
        System.err.printf("%d problem(s) in the configuration%n", e.problems().size());
        return ExitCodes.INVALID_CONFIGURATION;
    }
}
