package dev.caravan.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --config DIR} option every command shares. */
public final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "DIR", defaultValue = "config",
            description = "Configuration folder (default: ${DEFAULT-VALUE}).")
    Path directory;

    public Path directory() {
        return directory;
    }
}
