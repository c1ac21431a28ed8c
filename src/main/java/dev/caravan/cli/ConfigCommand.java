package dev.caravan.cli;

import dev.caravan.config.ConfigException;
import dev.caravan.config.ConfigLoader;
import dev.caravan.model.CaravanConfig;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * A command that first loads and validates {@code --config DIR}: an invalid configuration prints
 * every problem to stderr and exits 2 before the command does anything.
 */
abstract class ConfigCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public final Integer call() {
        CaravanConfig loaded;
        try {
            loaded = ConfigLoader.withSystemEnvironment().load(config.directory());
        } catch (ConfigException e) {
            e.problems().forEach(System.err::println);
            System.err.printf("%d problem(s) in the configuration%n", e.problems().size());
            return ExitCodes.INVALID_CONFIGURATION;
        }
        return execute(config.directory(), loaded);
    }

    /** Runs the command on a valid configuration; returns the exit code. */
    abstract int execute(Path directory, CaravanConfig config);
}
