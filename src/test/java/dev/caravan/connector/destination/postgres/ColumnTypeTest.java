package dev.caravan.connector.destination.postgres;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnTypeTest {
    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01T10:00Z", "2024-05-01T10:00:59Z", "2024-05-01 10:00:59Z", "2024-05-01T10:00:59.1Z",
            "2024-05-01T10:00:59.123456789Z", "2024-05-01T10:00:59+02", "2024-05-01T10:00:59+0200", "2024-05-01T10:00:59-02:00",
            "2024-05-01T10:00+02:00"})
    void offsetDateTimesAreTimestamps(String text) {
        assertThat(ColumnType.looksLikeTimestamp(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-05-01", "2024-05-01T10:00", "2024-05-01T10:00:59", "2024-05-01T10:00:59.Z",
            "2024-05-01T10:00:59.1234567890Z", "2024-05-01T10:00:59+2", "2024-05-01T10:00:59+02:0", "2024-05-01T10:00:59ZZ",
            "2024-05-01X10:00:59Z", "20240501T100059Z", "2024-05-01T10:00:59 UTC", "x024-05-01T10:00:59Z", "2024-05-01T10:00:59+02:00x",
            "2024-05-01T10:0a:59Z", "２０２４-05-01T10:00:59Z"})
    void looserTextIsNot(String text) {
        assertThat(ColumnType.looksLikeTimestamp(text)).isFalse();
    }
}
