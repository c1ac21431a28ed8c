package dev.caravan.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FixtureApiTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 999_999})
    void recordsAreTheSameWhicheverWayTheyAreWritten(long id) {
        StringBuilder out = new StringBuilder();
        FixtureApi.appendRecord(id, out, new char[20]);
        assertThat(out.toString()).isEqualTo(FixtureApi.record(id));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 59, 86_399, 86_400, 951_782_400, 1_700_000_001, 1_710_999_999, 4_102_444_800L, -1, -86_401})
    void timestampsMatchInstantToString(long seconds) {
        assertThat(FixtureApi.timestamp(seconds)).isEqualTo(Instant.ofEpochSecond(seconds).toString());
    }
}
