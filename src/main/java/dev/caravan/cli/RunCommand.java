package dev.caravan.cli;

import dev.caravan.model.CaravanConfig;
import dev.caravan.runtime.CaravanRuntime;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/** {@code caravan run}: validate, then start the runtime and block until it is stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the runtime on the configuration (the default command).")
public final class RunCommand extends ConfigCommand {

    @Override
    int execute(Path directory, CaravanConfig config) {
        return runtime(directory);
    }

    /** Starts the runtime on a validated folder and blocks until it stops; returns the exit code. */
    static int runtime(Path directory) {
        return new CaravanRuntime(directory).run();
    }
}
