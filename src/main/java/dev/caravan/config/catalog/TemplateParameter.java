package dev.caravan.config.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * One typed parameter of a connector template. Strings (and list items) must match
 * {@code pattern}: values land in request paths and query languages, so a template says exactly
 * what it accepts rather than escaping after the fact.
 *
 * @param defaultValue null when the parameter has no default
 */
public record TemplateParameter(String name, Type type, boolean required, JsonNode defaultValue, Pattern pattern,
                                List<String> allowed, String description) {

    public enum Type { STRING, INTEGER, BOOLEAN, LIST }

    /** The problem with {@code value} as this parameter, in words; empty when it is fine. */
    public Optional<String> problem(JsonNode value) {
        return switch (type) {
            case INTEGER -> value.isIntegralNumber() ? Optional.empty() : Optional.of("expected an integer");
            case BOOLEAN -> value.isBoolean() ? Optional.empty() : Optional.of("expected true or false");
            case STRING -> value.isValueNode() && !value.isNull() ? textProblem(value.asText()) : Optional.of("expected a string");
            case LIST -> value.isArray() && !value.isEmpty()
                    ? StreamSupport.stream(value.spliterator(), false).map(item -> item.isValueNode() ? textProblem(item.asText()) : Optional.of("expected a list of strings"))
                        .flatMap(Optional::stream).findFirst()
                    : Optional.of("expected a non-empty list of strings");
        };
    }

    private Optional<String> textProblem(String text) {
        if (!allowed.isEmpty() && !allowed.contains(text)) {
            return Optional.of("'" + text + "' is not allowed; expected one of " + String.join(", ", allowed));
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            return Optional.of("'" + text + "' does not match " + pattern.pattern());
        }
        return Optional.empty();
    }

    /** The value as it replaces a placeholder that is a whole string: typed. */
    JsonNode typed(JsonNode value) {
        return switch (type) {
            case INTEGER -> IntNode.valueOf(value.asInt());
            case BOOLEAN -> BooleanNode.valueOf(value.asBoolean());
            case STRING -> TextNode.valueOf(value.asText());
            case LIST -> {
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                value.forEach(item -> list.add(item.asText()));
                yield list;
            }
        };
    }

    /** The value as it replaces a placeholder inside a longer string: text, a list comma-separated. */
    String text(JsonNode value) {
        if (type != Type.LIST) {
            return value.asText();
        }
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.asText()));
        return items.stream().collect(Collectors.joining(","));
    }
}
