package dev.caravan.config.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.caravan.config.ConfigDocument;
import dev.caravan.config.ConfigProblem;
import dev.caravan.config.Suggestions;
import dev.caravan.model.JsonTemplates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a sync's {@code source: { template: …, parameters: {…} }} (or {@code destination:}) into
 * the template's fields with the parameters filled in, the sync's own fields winning: objects merge
 * key by key, anything else is replaced. The result then goes through schema validation like a
 * hand-written sync, so a bad override is reported against the sync's file.
 */
public final class TemplateExpander {
    static final String TEMPLATE = "template";
    static final String PARAMETERS = "parameters";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");
    private static final List<String> SECTIONS = List.of("source", "destination");

    private final ConnectorCatalog catalog;

    public TemplateExpander(ConnectorCatalog catalog) {
        this.catalog = catalog;
    }

    /** The budget a template suggests for the connection its sync reads or writes through. */
    public record Budget(String connection, String template, JsonNode rateLimit) {
    }

    /**
     * The document with its templated sections expanded; the same document when none is. Problems
     * go to {@code problems}, and the template's budgets to {@code budgets}.
     */
    public ConfigDocument expand(ConfigDocument document, List<ConfigProblem> problems, List<Budget> budgets) {
        ObjectNode tree = document.tree().deepCopy();
        boolean changed = false;
        for (String section : SECTIONS) {
            JsonNode node = tree.get(section);
            if (node == null || !node.isObject() || !node.has(TEMPLATE)) {
                continue;
            }
            changed = true;
            ObjectNode expanded = expandSection(document, "/" + section, section, (ObjectNode) node, problems, budgets);
            tree.set(section, expanded);
        }
        return changed ? new ConfigDocument(document.file(), document.folder(), document.baseName(), tree, document.lines(),
                document.fromEnvironment(), document.unresolved()) : document;
    }

    private ObjectNode expandSection(ConfigDocument document, String pointer, String section, ObjectNode node,
                                     List<ConfigProblem> problems, List<Budget> budgets) {
        ObjectNode own = node.deepCopy();
        own.remove(TEMPLATE);
        JsonNode given = own.remove(PARAMETERS);
        String name = node.get(TEMPLATE).asText();
        ConnectorTemplate template = catalog.find(name).orElse(null);
        List<String> names = catalog.all().stream().filter(t -> t.section().equals(section)).map(ConnectorTemplate::name).toList();
        if (template == null || !template.section().equals(section)) {
            problems.add(document.problem(pointer + "/" + TEMPLATE, "'" + name + "' is not a " + section + " template"
                    + Suggestions.hint(name, names) + "; expected one of " + String.join(", ", names)));
            return own;
        }
        if (given != null && !given.isObject()) {
            problems.add(document.problem(pointer + "/" + PARAMETERS, "expected a map of parameter names to values"));
            return own;
        }
        Map<String, JsonNode> values = values(document, pointer + "/" + PARAMETERS, template, given, problems);
        if (values == null) {
            return own;
        }
        if (template.rateLimit() != null && own.hasNonNull("connection")) {
            budgets.add(new Budget(own.get("connection").asText(), name, template.rateLimit()));
        }
        return merge((ObjectNode) fill(template.body(), template, values), own);
    }

    /** Every parameter's value, given or default; null after reporting when one is missing or wrong. */
    private static Map<String, JsonNode> values(ConfigDocument document, String pointer, ConnectorTemplate template, JsonNode given,
                                                List<ConfigProblem> problems) {
        int before = problems.size();
        Map<String, JsonNode> values = new HashMap<>();
        if (given != null) {
            given.fields().forEachRemaining(entry -> {
                TemplateParameter parameter = template.parameters().get(entry.getKey());
                if (parameter == null) {
                    problems.add(document.problem(pointer + "/" + entry.getKey(), "is not a parameter of template " + template.name()
                            + Suggestions.hint(entry.getKey(), template.parameters().keySet()) + "; expected one of "
                            + String.join(", ", template.parameters().keySet())));
                    return;
                }
                parameter.problem(entry.getValue()).ifPresentOrElse(
                        problem -> problems.add(document.problem(pointer + "/" + entry.getKey(), problem)),
                        () -> values.put(entry.getKey(), entry.getValue()));
            });
        }
        for (TemplateParameter parameter : template.parameters().values()) {
            if (!values.containsKey(parameter.name()) && parameter.defaultValue() != null) {
                values.put(parameter.name(), parameter.defaultValue());
            } else if (!values.containsKey(parameter.name()) && parameter.required() && (given == null || !given.has(parameter.name()))) {
                problems.add(document.problem(pointer, "template " + template.name() + " needs parameter '" + parameter.name() + "': "
                        + parameter.description()));
            }
        }
        return problems.size() == before ? values : null;
    }

    private static JsonNode fill(JsonNode node, ConnectorTemplate template, Map<String, JsonNode> values) {
        return JsonTemplates.mapStrings(node, text -> {
            Matcher whole = PLACEHOLDER.matcher(text);
            if (whole.matches()) {
                return parameter(template, whole.group(1)).typed(values.get(whole.group(1)));
            }
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(parameter(template, m.group(1)).text(values.get(m.group(1)))));
            }
            return TextNode.valueOf(m.appendTail(out).toString());
        });
    }

    /** Every parameter is required or has a default, so only a placeholder the template does not declare lacks a value. */
    private static TemplateParameter parameter(ConnectorTemplate template, String name) {
        TemplateParameter parameter = template.parameters().get(name);
        if (parameter == null) {
            throw new IllegalStateException("template " + template.name() + " uses {{" + name + "}}, which it does not declare");
        }
        return parameter;
    }

    /** {@code base} with {@code own} laid over it: objects merge key by key, anything else is replaced. */
    static ObjectNode merge(ObjectNode base, ObjectNode own) {
        ObjectNode out = base.deepCopy();
        List<String> keys = new ArrayList<>();
        own.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode mine = own.get(key);
            JsonNode theirs = out.get(key);
            out.set(key, theirs instanceof ObjectNode t && mine instanceof ObjectNode m ? merge(t, m) : mine);
        }
        return out;
    }
}
