package dev.caravan.config;

import java.util.List;

/** Unknown {@code caravan.*} keys in {@code application.properties} are errors, with a suggestion. */
final class PropertiesCheck {
    private static final String FILE = "application.properties";

    List<ConfigProblem> check(String displayPrefix, String text) {
        List<String> known = CaravanProperty.keys();
        List<String> lines = text.lines().toList();
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        boolean continuation = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            boolean startsEntry = !continuation && !line.isEmpty() && !line.startsWith("#") && !line.startsWith("!");
            continuation = line.endsWith("\\");
            if (!startsEntry) {
                continue;
            }
            String key = line.split("\\s*[=:\\s]", 2)[0];
            if (key.startsWith(CaravanProperty.NAMESPACE) && !known.contains(key)) {
                String hint = Suggestions.hint(key, known);
                problems.add(new ConfigProblem(displayPrefix + FILE, i + 1, key, "unknown setting"
                        + (hint.isEmpty() ? "; the caravan.* settings are: " + String.join(", ", known) : hint)));
            }
        }
        return problems;
    }
}
