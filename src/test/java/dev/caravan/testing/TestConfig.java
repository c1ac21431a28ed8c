package dev.caravan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a configuration folder for a test: relative path to YAML text. */
public final class TestConfig {
    private TestConfig() {
    }

    public static Path write(Path directory, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = directory.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runtime's own database as connection {@code warehouse}. */
    public static String warehouse() {
        return "kind: connection\nid: warehouse\ntype: postgres\nurl: embedded\n";
    }
}
