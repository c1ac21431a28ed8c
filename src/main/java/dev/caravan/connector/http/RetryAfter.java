package dev.caravan.connector.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Server wait signals: {@code Retry-After} (seconds or HTTP-date) and rate-limit reset headers. */
public final class RetryAfter {
    private static final long EPOCH_SECONDS_THRESHOLD = 1_000_000_000L;

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String value) {
        String trimmed = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(positive(Duration.between(Instant.now(), at)));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** A reset header is either epoch seconds (large) or seconds from now (small). */
    public static Duration resetToWait(String value) {
        try {
            long n = Long.parseLong(value.trim());
            return n > EPOCH_SECONDS_THRESHOLD ? positive(Duration.between(Instant.now(), Instant.ofEpochSecond(n))) : Duration.ofSeconds(Math.max(0, n));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
