package dev.caravan.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One kind of write request: method, a path template with {@code {field}} placeholders, an
 * optional body template (default: the row as JSON), and optionally many rows per request.
 */
public record HttpRequestSpec(String method, String path, JsonNode body, BatchSpec batch) {
}
