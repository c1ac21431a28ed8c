package dev.caravan.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds configuration folders for tests: the valid {@code config/base} set, with a case's files
 * laid over it (same path replaces, new path adds).
 */
final class ConfigCorpus {
    static final Path BASE = Path.of("src/test/resources/config/base");
    static final Path INVALID = Path.of("src/test/resources/config/invalid");
    /** The environment tests load with: nothing set, so every ${env:X:-default} takes its default. */
    static final EnvironmentResolver NO_ENVIRONMENT = new EnvironmentResolver(Map.<String, String>of()::get);

    private ConfigCorpus() {
    }

    static Path withOverlay(Path overlay, Path target) {
        copy(BASE, target);
        copy(overlay, target);
        return target;
    }

    static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("expected.txt")).toList()) {
                Path destination = to.resolve(from.relativize(file).toString());
                Files.createDirectories(destination.getParent());
                Files.copy(file, destination, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
