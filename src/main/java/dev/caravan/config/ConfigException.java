package dev.caravan.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration is invalid; carries every problem found, sorted by file and line. */
public class ConfigException extends RuntimeException {
    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(render(problems));
        this.problems = problems.stream().sorted().toList();
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(List<ConfigProblem> problems) {
        return problems.size() + " configuration problem(s):\n" + problems.stream()
                .sorted().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
