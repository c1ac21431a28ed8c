package dev.caravan.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.caravan.model.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON schemas under {@code classpath:schema/}, one per document kind: the single source of
 * truth for what a document may contain. Also answers the questions a report needs beyond
 * pass/fail: which keys were allowed where an unknown one stood, and which values are secrets
 * ({@code "x-secret": true}).
 */
public final class SchemaCatalog {
    static final String BASE_IRI = "https://caravan.dev/schema/";
    private static final List<String> DOCUMENTS = List.of("common", "connection", "sync", "sequence", "channel");

    private final Map<String, JsonNode> rawByName = new HashMap<>();
    private final Map<Kind, JsonSchema> schemas = new EnumMap<>(Kind.class);

    public SchemaCatalog() {
        ObjectMapper mapper = new ObjectMapper();
        for (String name : DOCUMENTS) {
            rawByName.put(name + ".schema.json", readResource(mapper, "/schema/" + name + ".schema.json"));
        }
        JsonMetaSchema metaSchema = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .keyword(new NonValidationKeyword("x-model"))
                .keyword(new NonValidationKeyword("x-secret"))
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, b -> b
                .metaSchema(metaSchema)
                .schemaMappers(m -> m.mapPrefix(BASE_IRI, "classpath:schema/")));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();
        for (Kind kind : Kind.values()) {
            schemas.put(kind, factory.getSchema(SchemaLocation.of(BASE_IRI + kind.value() + ".schema.json"), config));
        }
    }

    /** The raw schema document of a kind, for tooling and tests. */
    public JsonNode raw(Kind kind) {
        return rawByName.get(kind.value() + ".schema.json");
    }

    /** Every raw schema document, keyed by file name. */
    public Map<String, JsonNode> rawDocuments() {
        return Map.copyOf(rawByName);
    }

    Set<ValidationMessage> validate(Kind kind, JsonNode tree) {
        return schemas.get(kind).validate(tree);
    }

    /** The schema object that holds the keyword at {@code location} (e.g. the one with an additionalProperties). */
    JsonNode keywordOwner(SchemaLocation location) {
        JsonNode node = document(location.getAbsoluteIri().toString());
        var fragment = location.getFragment();
        for (int i = 0; i < fragment.getNameCount() - 1 && node != null; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.get(index) : node.get(element.toString());
        }
        return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
    }

    /** Property names declared next to the keyword at {@code location}. */
    List<String> siblingPropertyNames(SchemaLocation location) {
        List<String> names = new ArrayList<>();
        keywordOwner(location).path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** JSON pointers in {@code tree} whose value the schema marks as a secret. */
    Set<String> secretPointers(Kind kind, JsonNode tree) {
        Set<String> out = new HashSet<>();
        walkSecrets(kind.value() + ".schema.json", raw(kind), tree, "", out, new HashSet<>());
        return out;
    }

    private void walkSecrets(String doc, JsonNode schema, JsonNode instance, String pointer, Set<String> out, Set<String> seen) {
        if (schema == null || !schema.isObject() || !seen.add(doc + "|" + System.identityHashCode(schema) + "|" + pointer)) {
            return;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            int hash = ref.indexOf('#');
            String targetDoc = hash == 0 ? doc : ref.substring(0, hash);
            walkSecrets(targetDoc, rawByName.get(targetDoc).at(ref.substring(hash + 1)), instance, pointer, out, seen);
        }
        if (schema.path("x-secret").asBoolean(false) && instance.isValueNode()) {
            out.add(pointer);
        }
        for (String branch : List.of("then", "else")) {
            walkSecrets(doc, schema.get(branch), instance, pointer, out, seen);
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode sub : iterable(schema.path(combinator))) {
                walkSecrets(doc, sub, instance, pointer, out, seen);
            }
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && instance.isObject()) {
            for (Iterator<String> it = instance.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                walkSecrets(doc, properties.get(field), instance.get(field), JsonPointers.child(pointer, field), out, seen);
            }
        }
        if (schema.has("items") && instance.isArray()) {
            for (int i = 0; i < instance.size(); i++) {
                walkSecrets(doc, schema.get("items"), instance.get(i), JsonPointers.child(pointer, i), out, seen);
            }
        }
    }

    private JsonNode document(String iri) {
        String name = iri.startsWith(BASE_IRI) ? iri.substring(BASE_IRI.length()) : iri;
        return rawByName.get(name);
    }

    private static Collection<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static JsonNode readResource(ObjectMapper mapper, String path) {
        try (InputStream in = SchemaCatalog.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + path);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
