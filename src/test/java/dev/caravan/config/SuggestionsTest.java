package dev.caravan.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {
    private static final List<String> KEYS = List.of("pagination", "primaryKey", "incremental", "records", "path");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"pagnation,pagination", "primarykey,primaryKey", "incremantal,incremental", "record,records", "paht,path"})
    void suggestsTheClosestKey(String typo, String expected) {
        assertThat(Suggestions.closest(typo, KEYS)).contains(expected);
    }

    @ParameterizedTest(name = "{0} has no suggestion")
    @CsvSource({"schedule", "zzz", "destination"})
    void staysQuietWhenNothingIsClose(String input) {
        assertThat(Suggestions.closest(input, KEYS)).isEmpty();
    }
}
