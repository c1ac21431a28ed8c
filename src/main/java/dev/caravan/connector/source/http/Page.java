package dev.caravan.connector.source.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fetched page: its records (shaped for the table), the items as the API listed them (where
 * cursors are read), the whole body, and the response headers.
 */
public record Page(List<JsonNode> records, List<JsonNode> items, JsonNode body, Map<String, List<String>> headers) {

    public Page(List<JsonNode> records, JsonNode body, Map<String, List<String>> headers) {
        this(records, records, body, headers);
    }

    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }
}
