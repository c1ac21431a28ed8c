package dev.caravan.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * JSONPath over Jackson trees. Plain member paths ({@code $}, {@code $.data},
 * {@code $.paging.next}) are walked directly, which is most of what APIs need and much faster;
 * anything else goes to Jayway JsonPath.
 */
public final class JsonPaths {
    private static final Pattern SIMPLE = Pattern.compile("\\$(\\.[A-Za-z_][A-Za-z0-9_-]*)*");
    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private JsonPaths() {
    }

    /** The member names of a plain member path ({@code $.paging.next} gives paging, next); empty for any other path. */
    public static Optional<List<String>> members(String path) {
        if (!SIMPLE.matcher(path).matches()) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(path.substring(1).split("\\.")).filter(field -> !field.isEmpty()).toList());
    }

    /** The node at {@code path}, or a missing node. */
    public static JsonNode read(JsonNode root, String path) {
        Optional<List<String>> members = members(path);
        if (members.isPresent()) {
            JsonNode node = root;
            for (String field : members.get()) {
                node = node.path(field);
            }
            return node;
        }
        JsonNode result = JsonPath.using(JAYWAY).parse(root).read(path);
        return result == null ? MissingNode.getInstance() : result;
    }

    /** A scalar at {@code path} as text; empty when missing or null. */
    public static Optional<String> readText(JsonNode root, String path) {
        JsonNode node = read(root, path);
        return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }

    /**
     * The records at {@code path}: the elements of an array, or the single object found.
     *
     * @throws IllegalArgumentException when the path finds something else (a scalar, or nothing)
     */
    public static List<JsonNode> records(JsonNode root, String path) {
        JsonNode node = read(root, path);
        List<JsonNode> records = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(records::add);
        } else if (node.isObject()) {
            records.add(node);
        } else {
            throw new IllegalArgumentException("records path " + path + " found " + (node.isMissingNode() ? "nothing" : node.getNodeType().toString().toLowerCase())
                    + " in the response; expected an array of records");
        }
        return records;
    }
}
