package dev.caravan.cli;

import dev.caravan.config.ConfigException;
import dev.caravan.config.ConfigLoader;
import dev.caravan.runtime.CaravanRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code caravan run}: validate, then start the runtime and block until it is stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the runtime on the configuration (the default command).")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        return run(config.directory());
    }

    static int run(Path directory) {
        try {
            ConfigLoader.withSystemEnvironment().load(directory);
        } catch (ConfigException e) {
            return ValidateCommand.report(e);
        }
        return new CaravanRuntime(directory).run();
    }
}
