package dev.caravan.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentResolverTest {
    private final EnvironmentResolver resolver = new EnvironmentResolver(Map.of("HOST", "db.internal", "EMPTY", "")::get);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "plain text|plain text",
            "${env:HOST}|db.internal",
            "jdbc:postgresql://${env:HOST}:5432/x|jdbc:postgresql://db.internal:5432/x",
            "${env:PORT:-5432}|5432",
            "${env:HOST:-other}|db.internal",
            "${env:EMPTY:-fallback}|''",
            "$HOST and {env:HOST}|$HOST and {env:HOST}",
    })
    void resolvesPlaceholders(String input, String expected) {
        assertThat(resolver.resolve(input).value()).isEqualTo(expected);
        assertThat(resolver.resolve(input).missingVariable()).isEmpty();
    }

    @ParameterizedTest(name = "{0} needs {1}")
    @CsvSource({"${env:NOPE},NOPE", "x-${env:ALSO_NOT}-y,ALSO_NOT"})
    void reportsTheMissingVariable(String input, String variable) {
        assertThat(resolver.resolve(input).missingVariable()).contains(variable);
    }
}
