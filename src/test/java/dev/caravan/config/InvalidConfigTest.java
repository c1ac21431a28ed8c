package dev.caravan.config;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each folder under {@code config/invalid/} is one broken configuration (laid over the valid base
 * set) with the exact report it must produce in {@code expected.txt}. Run with
 * {@code -Dcaravan.corpus.record=true} to rewrite the expectations after a deliberate change, then
 * review the diff.
 */
class InvalidConfigTest {
    private static final boolean RECORD = Boolean.getBoolean("caravan.corpus.record");
    private static final ConfigLoader LOADER = new ConfigLoader(ConfigCorpus.NO_ENVIRONMENT);

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(ConfigCorpus.INVALID)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsEveryProblemWithFileLineAndKey(String name, @TempDir Path temp) throws IOException {
        Path caseDir = ConfigCorpus.INVALID.resolve(name);
        Path config = ConfigCorpus.withOverlay(caseDir, temp.resolve("config"));

        ConfigException thrown = catchThrowableOfType(ConfigException.class, () -> LOADER.load(config));

        assertThat(thrown).as("case %s must be rejected", name).isNotNull();
        String prefix = config + "/";
        List<String> report = thrown.problems().stream().map(p -> p.toString().replace(prefix, "")).toList();
        Path expected = caseDir.resolve("expected.txt");
        if (RECORD) {
            Files.write(expected, report, StandardCharsets.UTF_8);
        }
        assertThat(report).containsExactlyElementsOf(Files.readAllLines(expected, StandardCharsets.UTF_8));
        assertThat(report).allSatisfy(line -> assertThat(line).matches("^[^:]+\\.(yaml|properties):\\d+: .+"));
    }
}
