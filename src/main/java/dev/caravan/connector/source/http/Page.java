package dev.caravan.connector.source.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fetched page: its records (already extracted), the whole body, and the response headers. */
public record Page(List<JsonNode> records, JsonNode body, Map<String, List<String>> headers) {

    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }
}
