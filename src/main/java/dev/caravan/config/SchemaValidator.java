package dev.caravan.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import dev.caravan.model.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Checks a document against its kind's schema and turns the validator's findings into
 * {@code file:line: key: message} problems a person can act on.
 */
final class SchemaValidator {
    private final SchemaCatalog catalog;

    SchemaValidator(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    List<ConfigProblem> validate(Kind kind, ConfigDocument document) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (ValidationMessage message : catalog.validate(kind, document.tree())) {
            // a value whose ${env:…} did not resolve is already reported; its raw text proves nothing
            if (!document.unresolved().contains(pointer(message.getInstanceLocation()))) {
                problems.add(toProblem(document, message));
            }
        }
        return problems.stream().distinct().toList();
    }

    private ConfigProblem toProblem(ConfigDocument document, ValidationMessage message) {
        String at = pointer(message.getInstanceLocation());
        return switch (message.getType()) {
            case "additionalProperties" -> {
                String key = message.getProperty();
                List<String> allowed = catalog.siblingPropertyNames(message.getSchemaLocation());
                yield document.problem(JsonPointers.child(at, key), "unknown key" + Suggestions.hint(key, allowed)
                        + (allowed.isEmpty() ? "" : "; expected one of: " + String.join(", ", allowed)));
            }
            case "required" -> new ConfigProblem(document.file(), document.lineOf(at),
                    JsonPointers.toKey(JsonPointers.child(at, message.getProperty())), "is required but missing");
            case "enum" -> document.problem(at, "'" + scalar(message.getInstanceNode()) + "' is not allowed; expected one of: "
                    + StreamSupport.stream(catalog.keywordOwner(message.getSchemaLocation()).path("enum").spliterator(), false)
                    .map(JsonNode::asText).collect(Collectors.joining(", ")));
            case "const" -> document.problem(at, "must be '" + catalog.keywordOwner(message.getSchemaLocation()).path("const").asText() + "'");
            case "pattern" -> document.problem(at, "'" + scalar(message.getInstanceNode()) + "' is not valid"
                    + describe(catalog.keywordOwner(message.getSchemaLocation())));
            default -> document.problem(at, stripLocation(message));
        };
    }

    private static String describe(JsonNode owner) {
        JsonNode description = owner.get("description");
        return description != null ? "; expected: " + description.asText()
                : " (expected to match " + owner.path("pattern").asText() + ")";
    }

    private static String scalar(JsonNode node) {
        return node == null ? "null" : node.isTextual() ? node.asText() : node.toString();
    }

    private static String stripLocation(ValidationMessage message) {
        String error = message.getError();
        return error != null ? error : message.getMessage();
    }

    static String pointer(JsonNodePath path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            out.append(element instanceof Integer index ? JsonPointers.child("", index) : JsonPointers.child("", element.toString()));
        }
        return out.toString();
    }
}
