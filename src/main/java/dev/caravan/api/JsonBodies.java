package dev.caravan.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.util.Optional;

/** Request bodies as JSON objects; anything else is answered 400 here and the caller gets empty. */
final class JsonBodies {
    private JsonBodies() {
    }

    static Optional<JsonNode> read(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        try {
            JsonNode node = text == null || text.isBlank() ? null : JsonResponses.MAPPER.readTree(text);
            if (node != null && node.isObject()) {
                return Optional.of(node);
            }
        } catch (IOException e) {
            // answered below
        }
        JsonResponses.error(exchange, 400, "bad_request", "the body must be a JSON object");
        return Optional.empty();
    }

    static Optional<JsonNode> parse(byte[] body) {
        try {
            JsonNode node = JsonResponses.MAPPER.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
