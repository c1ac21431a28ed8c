package dev.caravan.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md carries a reference generated from the schemas, between two markers, so
 * the documentation cannot drift from what validation enforces. Run with
 * {@code -Dcaravan.docs.record=true} to regenerate it after a schema change.
 */
class ConfigurationReferenceTest {
    private static final Path DOC = Path.of("docs/configuration.md");
    private static final String BEGIN = "<!-- BEGIN GENERATED REFERENCE -->";
    private static final String END = "<!-- END GENERATED REFERENCE -->";

    @Test
    void referenceMatchesTheSchemas() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String generated = BEGIN + "\n" + reference(new SchemaCatalog()) + END;
        String current = doc.substring(doc.indexOf(BEGIN), doc.indexOf(END) + END.length());
        if (Boolean.getBoolean("caravan.docs.record")) {
            Files.writeString(DOC, doc.replace(current, generated), StandardCharsets.UTF_8);
            current = generated;
        }
        assertThat(current).isEqualTo(generated);
    }

    static String reference(SchemaCatalog catalog) {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("connection", "sync", "sequence", "channel", "common")) {
            JsonNode doc = catalog.rawDocuments().get(name + ".schema.json");
            List<JsonNode> modelled = new ArrayList<>();
            collect(doc, modelled);
            for (JsonNode schema : modelled) {
                out.append("\n### ").append(schema.get("x-model").asText().replace('$', '.')).append(" (").append(name).append(")\n\n");
                if (schema.has("description")) {
                    out.append(schema.get("description").asText()).append("\n\n");
                }
                out.append("| key | type | default | description |\n|---|---|---|---|\n");
                schema.get("properties").fields().forEachRemaining(p -> out.append(row(catalog, doc, p.getKey(), p.getValue(), schema)));
            }
        }
        return out.append("\n").toString();
    }

    private static String row(SchemaCatalog catalog, JsonNode doc, String key, JsonNode property, JsonNode owner) {
        Located located = resolve(catalog, doc, property);
        JsonNode resolved = located.schema();
        boolean required = StreamSupport.stream(owner.path("required").spliterator(), false).anyMatch(r -> r.asText().equals(key));
        String description = property.path("description").asText(resolved.path("description").asText(""));
        if (property.isBoolean()) {
            description = "see above";
        }
        String defaultValue = property.has("default") ? property.get("default").toString()
                : resolved.has("default") ? resolved.get("default").toString() : required ? "required" : "";
        String secret = resolved.path("x-secret").asBoolean(false) ? " **Secret: `${env:…}` only.**" : "";
        return "| `" + key + "` | " + type(catalog, located) + " | " + defaultValue.replace("|", "\\|") + " | "
                + description.replace("|", "\\|") + secret + " |\n";
    }

    private static String type(SchemaCatalog catalog, Located located) {
        JsonNode schema = located.schema();
        if (schema.has("x-model")) {
            return schema.get("x-model").asText().replace('$', '.');
        }
        if (schema.has("enum")) {
            return StreamSupport.stream(schema.get("enum").spliterator(), false).map(v -> "`" + v.asText() + "`").collect(Collectors.joining(" \\| "));
        }
        if (schema.has("const")) {
            return "`" + schema.get("const").asText() + "`";
        }
        if (schema.path("type").asText().equals("array")) {
            return "list of " + type(catalog, resolve(catalog, located.doc(), schema.path("items")));
        }
        return schema.has("type") ? schema.get("type").toString().replace("\"", "").replace(",", " or ") : "object";
    }

    /** A schema node and the document its references are relative to. */
    private record Located(JsonNode doc, JsonNode schema) {
    }

    private static Located resolve(SchemaCatalog catalog, JsonNode doc, JsonNode schema) {
        if (!schema.has("$ref")) {
            return new Located(doc, schema);
        }
        String ref = schema.get("$ref").asText();
        int hash = ref.indexOf('#');
        JsonNode target = hash == 0 ? doc : catalog.rawDocuments().get(ref.substring(0, hash));
        return resolve(catalog, target, target.at(ref.substring(hash + 1)));
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isObject() && node.has("x-model")) {
            out.add(node);
        }
        node.elements().forEachRemaining(child -> collect(child, out));
    }
}
