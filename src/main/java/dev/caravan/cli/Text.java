package dev.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** How the CLI writes the API's values as text. */
final class Text {
    private Text() {
    }

    static String schedule(JsonNode schedule) {
        if (!schedule.isObject()) {
            return "on demand";
        }
        return schedule.has("every") ? "every " + schedule.path("every").asText()
                : schedule.path("cron").asText() + " " + schedule.path("timezone").asText();
    }

    static String duration(JsonNode millis) {
        return millis.isNumber() ? millis.asLong() + " ms" : "";
    }

    /** The texts of a JSON array. */
    static java.util.List<String> strings(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }
}
