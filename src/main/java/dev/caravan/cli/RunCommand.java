package dev.caravan.cli;

import dev.caravan.model.CaravanConfig;
import dev.caravan.runtime.CaravanRuntime;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/** {@code caravan run}: validate, then start the runtime and block until it is stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the runtime on the configuration (the default command).")
public class RunCommand extends ConfigCommand {

    @Override
    int execute(Path directory, CaravanConfig config) {
        return new CaravanRuntime(directory).run();
    }
}
