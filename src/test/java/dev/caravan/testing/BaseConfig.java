package dev.caravan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The valid fixture configuration ({@code src/test/resources/config/base}) copied to a folder,
 * with its {@code crm} connection pointed at a test API.
 */
public final class BaseConfig {
    public static final Path SOURCE = Path.of("src/test/resources/config/base");

    private BaseConfig() {
    }

    public static Path copy(Path target, String crmBaseUrl) {
        try (Stream<Path> files = Files.walk(SOURCE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path destination = target.resolve(SOURCE.relativize(file).toString());
                Files.createDirectories(destination.getParent());
                Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
            }
            Path crm = target.resolve("connections/crm.yaml");
            Files.writeString(crm, Files.readString(crm).replace("${env:CRM_URL:-http://localhost:9999/api}", crmBaseUrl));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
