package dev.caravan.config.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The connector templates shipped in {@code connectors/} on the classpath, listed in
 * {@code connectors/catalog.txt}. A template that does not load is a build mistake, so it fails
 * loudly at first use (and in the catalog's unit test), not in a user's configuration.
 */
public final class ConnectorCatalog {
    static final String FOLDER = "connectors/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConnectorCatalog BUILT_IN = new ConnectorCatalog();

    private final Map<String, ConnectorTemplate> templates = new LinkedHashMap<>();

    private ConnectorCatalog() {
        for (String line : read(FOLDER + "catalog.txt").split("\n")) {
            String name = line.trim();
            if (!name.isEmpty() && !name.startsWith("#")) {
                templates.put(name, parse(name, JSON.valueToTree(new Load(LoadSettings.builder().setLabel(name).build())
                        .loadFromString(read(FOLDER + name + ".yaml")))));
            }
        }
    }

    public static ConnectorCatalog builtIn() {
        return BUILT_IN;
    }

    public Optional<ConnectorTemplate> find(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    public Collection<ConnectorTemplate> all() {
        return templates.values();
    }

    private static ConnectorTemplate parse(String name, JsonNode tree) {
        if (!name.equals(tree.path("name").asText())) {
            throw new IllegalStateException(FOLDER + name + ".yaml: name must be " + name);
        }
        String section = tree.has("source") ? "source" : "destination";
        Map<String, TemplateParameter> parameters = new LinkedHashMap<>();
        tree.path("parameters").fields().forEachRemaining(p -> parameters.put(p.getKey(), parameter(name, p.getKey(), p.getValue())));
        return new ConnectorTemplate(name, text(tree, "title"), text(tree, "description"), text(tree, "docs"), section, parameters,
                tree.get("rateLimit"), tree.get(section), strings(tree.path("detects")), strings(tree.path("limits")), tree.get("example"));
    }

    private static TemplateParameter parameter(String template, String name, JsonNode spec) {
        TemplateParameter.Type type = TemplateParameter.Type.valueOf(spec.path("type").asText("string").toUpperCase());
        String pattern = spec.path("pattern").asText(null);
        if (pattern == null && spec.path("enum").isEmpty() && (type == TemplateParameter.Type.STRING || type == TemplateParameter.Type.LIST)) {
            throw new IllegalStateException(FOLDER + template + ".yaml: parameter " + name + " needs a pattern or an enum");
        }
        boolean required = spec.path("required").asBoolean(false);
        if (required == spec.has("default")) {
            throw new IllegalStateException(FOLDER + template + ".yaml: parameter " + name + " must be required or have a default, not both");
        }
        return new TemplateParameter(name, type, required, spec.get("default"),
                pattern == null ? null : Pattern.compile(pattern), strings(spec.path("enum")), text(spec, "description"));
    }

    private static String text(JsonNode tree, String field) {
        JsonNode value = tree.get(field);
        return value == null ? null : value.asText().trim();
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.asText()));
        return List.copyOf(out);
    }

    private static String read(String resource) {
        try (InputStream in = ConnectorCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("connector template resource " + resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
