package dev.caravan.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationSpecTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"500ms,500", "15s,15000", "5m,300000", "1h,3600000", "1d,86400000", "PT1M,60000", "pt2s,2000", "0s,0"})
    void parsesShortAndIsoForms(String text, long millis) {
        assertThat(DurationSpec.parse(text).toMillis()).isEqualTo(millis);
        assertThat(DurationSpec.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} is rejected")
    @ValueSource(strings = {"", "15", "15 seconds", "1w", "-5s", "PT"})
    void rejectsEverythingElse(String text) {
        assertThatThrownBy(() -> DurationSpec.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a duration");
    }
}
