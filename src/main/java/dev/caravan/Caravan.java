package dev.caravan;

import dev.caravan.cli.CaravanCommand;
import picocli.CommandLine;

/** Entry point: {@code caravan [run|validate|compile] [--config DIR]}. */
public final class Caravan {
    private Caravan() {
    }

    public static void main(String[] args) {
        System.exit(CaravanCommand.commandLine().execute(args));
    }
}
