package dev.caravan.cli;

import dev.caravan.compiler.RouteCompiler;
import dev.caravan.model.CaravanConfig;
import picocli.CommandLine.Command;

import java.nio.file.Path;

/** {@code caravan compile}: the Camel YAML DSL routes the configuration compiles into. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Print the Camel routes (YAML DSL) that the configuration compiles into.")
public final class CompileCommand extends ConfigCommand {

    @Override
    int execute(Path directory, CaravanConfig config) {
        System.out.print(new RouteCompiler().compile(config));
        return ExitCodes.OK;
    }
}
