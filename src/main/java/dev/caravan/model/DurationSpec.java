package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as written in configuration: {@code 500ms}, {@code 15s}, {@code 5m}, {@code 1h},
 * {@code 1d}, or ISO-8601 ({@code PT1M}). Keeps the text so output shows what the user wrote.
 */
public record DurationSpec(String text, Duration duration) {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    @JsonCreator
    public static DurationSpec parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher m = SHORT.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return new DurationSpec(trimmed, d);
        }
        try {
            return new DurationSpec(trimmed, Duration.parse(trimmed.toUpperCase(Locale.ROOT)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (expected e.g. 500ms, 15s, 5m, 1h, 1d or PT1M)");
        }
    }

    public long toMillis() {
        return duration.toMillis();
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }
}
