package dev.caravan.cli;

import dev.caravan.compiler.RouteCompiler;
import dev.caravan.config.ConfigException;
import dev.caravan.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code caravan compile}: the Camel YAML DSL routes the configuration compiles into. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Print the Camel routes (YAML DSL) that the configuration compiles into.")
public final class CompileCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        try {
            System.out.print(new RouteCompiler().compile(ConfigLoader.withSystemEnvironment().load(config.directory())));
            return ExitCodes.OK;
        } catch (ConfigException e) {
            return ValidateCommand.report(e);
        }
    }
}
