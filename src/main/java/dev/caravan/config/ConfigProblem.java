package dev.caravan.config;

/**
 * One thing wrong with the configuration, located as precisely as the stage that found it can:
 * {@code file:line: key: message}. {@code key} is the dotted path inside the document
 * ({@code source.pagination.type}); empty when the problem concerns the whole file.
 */
public record ConfigProblem(String file, int line, String key, String message) implements Comparable<ConfigProblem> {

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) {
            out.append(':').append(line);
        }
        out.append(": ");
        if (key != null && !key.isEmpty()) {
            out.append(key).append(": ");
        }
        return out.append(message).toString();
    }

    @Override
    public int compareTo(ConfigProblem o) {
        int byFile = file.compareTo(o.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, o.line);
        return byLine != 0 ? byLine : toString().compareTo(o.toString());
    }
}
