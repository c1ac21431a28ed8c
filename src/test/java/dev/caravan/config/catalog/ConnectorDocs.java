package dev.caravan.config.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.util.Collection;

/** The catalog section of docs/connectors.md, rendered from the templates themselves. */
final class ConnectorDocs {
    private ConnectorDocs() {
    }

    static String render(Collection<ConnectorTemplate> templates) {
        StringBuilder out = new StringBuilder("\n| template | fills | default budget |\n|---|---|---|\n");
        templates.forEach(t -> out.append("| [`").append(t.name()).append("`](#").append(t.name()).append(") | ")
                .append(t.section()).append(" | ").append(budget(t.rateLimit())).append(" |\n"));
        for (ConnectorTemplate t : templates) {
            out.append("\n### ").append(t.name()).append("\n\n**").append(t.title()).append(".** ").append(t.description())
                    .append("\nAPI reference: ").append(t.docs()).append("\n\n");
            out.append("| parameter | type | default | description |\n|---|---|---|---|\n");
            t.parameters().values().forEach(p -> out.append("| `").append(p.name()).append("` | ").append(type(p)).append(" | ")
                    .append(p.required() ? "required" : "`" + text(p.defaultValue()) + "`").append(" | ").append(p.description()).append(" |\n"));
            out.append("\nDefault budget: ").append(budget(t.rateLimit())).append(".\n\n**Detects**\n\n");
            t.detects().forEach(d -> out.append("- ").append(d).append('\n'));
            out.append("\n**Cannot detect, or watch out for**\n\n");
            t.limits().forEach(l -> out.append("- ").append(l).append('\n'));
            out.append("\n```yaml\n").append(example(t)).append("```\n");
        }
        return out.append('\n').toString();
    }

    private static String type(TemplateParameter p) {
        String type = p.type().name().toLowerCase();
        return p.allowed().isEmpty() ? type : type + ": " + String.join(", ", p.allowed());
    }

    private static String text(JsonNode value) {
        return value.isArray() ? value.toString().replace("\"", "") : value.asText();
    }

    private static String budget(JsonNode rateLimit) {
        return rateLimit.get("requests").asText() + " requests per " + rateLimit.get("per").asText() + ", share "
                + rateLimit.path("share").asText("1.0");
    }

    /** The example as a sync file (and its connection), the way a user writes it. */
    private static String example(ConnectorTemplate t) {
        JsonNode example = t.example();
        ObjectNode sync = new ObjectMapper().createObjectNode().put("kind", "sync").put("id", "my-" + t.name());
        sync.set("source", example.get("source"));
        sync.set("destination", example.get("destination"));
        ObjectNode connection = new ObjectMapper().createObjectNode().put("kind", "connection")
                .put("id", example.path(t.section()).path("connection").asText()).put("type", "http");
        connection.setAll((ObjectNode) example.get("connection"));
        return "# config/connections/" + connection.get("id").asText() + ".yaml\n" + yaml(connection)
                + "\n# config/syncs/my-" + t.name() + ".yaml\n" + yaml(sync);
    }

    private static String yaml(JsonNode node) {
        try {
            return new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)).writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
