package dev.caravan.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schemas are the source of truth and the model records mirror them: every schema object
 * marked {@code x-model} has exactly the properties of its record, and every property has a
 * description.
 */
class SchemaModelMappingTest {
    private final SchemaCatalog catalog = new SchemaCatalog();

    @Test
    void everyModelledSchemaObjectMatchesItsRecordOneToOne() throws Exception {
        List<JsonNode> modelled = new ArrayList<>();
        catalog.rawDocuments().values().forEach(doc -> collect(doc, modelled));

        assertThat(modelled).hasSizeGreaterThanOrEqualTo(15);
        for (JsonNode schema : modelled) {
            Class<?> type = Class.forName("dev.caravan.model." + schema.get("x-model").asText());
            Set<String> components = new TreeSet<>(Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList());
            Set<String> properties = new TreeSet<>();
            schema.get("properties").fieldNames().forEachRemaining(properties::add);
            assertThat(properties).as("schema properties of %s", type.getSimpleName()).isEqualTo(components);
        }
    }

    @Test
    void everyPropertyIsDocumented() {
        for (Map.Entry<String, JsonNode> doc : catalog.rawDocuments().entrySet()) {
            List<JsonNode> modelled = new ArrayList<>();
            collect(doc.getValue(), modelled);
            for (JsonNode schema : modelled) {
                schema.get("properties").fields().forEachRemaining(p -> {
                    JsonNode property = p.getValue();
                    boolean inherited = property.isBoolean() || property.has("$ref");
                    assertThat(inherited || property.has("description"))
                            .as("%s: %s.%s has a description", doc.getKey(), schema.get("x-model").asText(), p.getKey()).isTrue();
                });
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isObject() && node.has("x-model")) {
            out.add(node);
        }
        node.elements().forEachRemaining(child -> collect(child, out));
    }
}
