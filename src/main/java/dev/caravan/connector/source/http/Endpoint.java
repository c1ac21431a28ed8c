package dev.caravan.connector.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.connector.http.Urls;
import dev.caravan.model.IncrementalSpec;
import dev.caravan.model.JsonTemplates;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One kind of request an API sync makes (the backfill, a poll, a key scan, a deleted list): method,
 * path, parameters, an optional JSON body, where the records are, how to shape them, and how to
 * walk its pages. The lower bound of a poll goes in {@code boundParam}, or replaces
 * {@code {cursor}} in parameter values and body strings.
 */
public record Endpoint(String method, String path, Map<String, String> params, JsonNode body, String boundParam,
                       String records, RecordShape shape, Paginator paginator) {
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    public Endpoint {
        params = Map.copyOf(params);
    }

    /** The URL of {@code page}; a POST's paging parameters go in its body instead. */
    String url(String baseUrl, PageRequest page, String bound) {
        if (page.absoluteUrl() != null) {
            return page.absoluteUrl();
        }
        Map<String, String> query = new HashMap<>();
        params.forEach((name, value) -> query.put(name, withBound(value, bound)));
        if (boundParam != null && bound != null) {
            query.put(boundParam, bound);
        }
        if (body == null) {
            query.putAll(page.params());
        }
        return Urls.build(baseUrl, path, query);
    }

    /** The body of {@code page}: the template with the bound in, and the paging parameters at its top. */
    Optional<JsonNode> body(PageRequest page, String bound) {
        if (body == null) {
            return Optional.empty();
        }
        JsonNode filled = JsonTemplates.mapStrings(body, text -> TextNode.valueOf(withBound(text, bound)));
        if (filled instanceof ObjectNode object) {
            page.params().forEach((name, value) -> object.set(name, DIGITS.matcher(value).matches()
                    ? IntNode.valueOf(Integer.parseInt(value)) : TextNode.valueOf(value)));
        }
        return Optional.of(filled);
    }

    private static String withBound(String value, String bound) {
        return bound == null ? value : value.replace(IncrementalSpec.CURSOR_PLACEHOLDER, bound);
    }
}
