package dev.caravan.runtime;

import dev.caravan.config.CaravanProperty;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The {@code caravan.*} settings, resolved once before Camel starts because they decide how it
 * starts (which database, which interface the API binds to). Precedence: explicit overrides
 * (tests), then the environment ({@code CARAVAN_DB_URL}), then {@code application.properties},
 * then built-in defaults. Blank values count as unset.
 */
public final class RuntimeSettings {
    private final Map<CaravanProperty, String> values;

    private RuntimeSettings(Map<CaravanProperty, String> values) {
        this.values = values;
    }

    public static RuntimeSettings load(Path configDirectory, Map<String, String> overrides, Function<String, String> environment) {
        Properties file = readProperties(configDirectory.resolve("application.properties"));
        Map<CaravanProperty, String> values = new EnumMap<>(CaravanProperty.class);
        for (CaravanProperty property : CaravanProperty.values()) {
            firstNonBlank(overrides.get(property.key()), environment.apply(property.environmentVariable()),
                    file.getProperty(property.key()), property.defaultValue().orElse(null))
                    .ifPresent(value -> values.put(property, value));
        }
        return new RuntimeSettings(values);
    }

    public Optional<String> find(CaravanProperty property) {
        return Optional.ofNullable(values.get(property));
    }

    public String get(CaravanProperty property) {
        return find(property).orElseThrow(() -> new IllegalStateException(property.key() + " is not set"));
    }

    public int getInt(CaravanProperty property) {
        String value = get(property);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(property.key() + ": '" + value + "' is not a whole number");
        }
    }

    private static Optional<String> firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return Optional.of(candidate.trim());
            }
        }
        return Optional.empty();
    }

    private static Properties readProperties(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return properties;
    }
}
