package dev.caravan.cli;

import dev.caravan.model.CaravanConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/** The top-level command; without a subcommand it runs the runtime, like {@code caravan run}. */
@Command(name = "caravan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Data sync and orchestration runtime: API sync, activation and sequences on Apache Camel.",
        subcommands = {RunCommand.class, ValidateCommand.class, CompileCommand.class, StatusCommand.class, SyncCommand.class, TriggerCommand.class,
                RunsCommand.class, ReloadCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 runtime failure, 2 invalid configuration or usage; trigger --wait adds 3 warning, 4 failed, 5 cancelled or interrupted."})
public final class CaravanCommand extends ConfigCommand {

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new CaravanCommand());
        commandLine.setExitCodeExceptionMapper(e -> ExitCodes.RUNTIME_FAILURE);
        return commandLine;
    }

    @Override
    int execute(Path directory, CaravanConfig config) {
        return RunCommand.runtime(directory);
    }
}
