package dev.caravan.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

/**
 * One parsed configuration file: its JSON tree (after {@code ${env:…}} substitution), the line of
 * every JSON pointer in it, and the pointers whose value came from the environment.
 *
 * @param file     path relative to the configuration folder, as shown in problem reports
 * @param folder   first folder below the configuration root ({@code syncs}), or empty
 * @param baseName file name without {@code .yaml}/{@code .yml}; must equal the document's id
 * @param unresolved pointers whose {@code ${env:…}} could not be resolved (already reported)
 */
public record ConfigDocument(
        String file,
        String folder,
        String baseName,
        JsonNode tree,
        Map<String, Integer> lines,
        Set<String> fromEnvironment,
        Set<String> unresolved) {

    /** Line (1-based) of the value at {@code pointer}, or of its nearest located ancestor. */
    public int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 1;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    public ConfigProblem problem(String pointer, String message) {
        return new ConfigProblem(file, lineOf(pointer), JsonPointers.toKey(pointer), message);
    }

    public String text(String field) {
        JsonNode node = tree.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
