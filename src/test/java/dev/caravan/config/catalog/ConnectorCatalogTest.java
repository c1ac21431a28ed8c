package dev.caravan.config.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.config.ConfigException;
import dev.caravan.config.ConfigLoader;
import dev.caravan.config.EnvironmentResolver;
import dev.caravan.model.CaravanConfig;
import dev.caravan.model.HttpConnection;
import dev.caravan.model.HttpSourceSpec;
import dev.caravan.model.RateLimitSpec;
import dev.caravan.model.SyncDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every shipped template loads, expands its documented example into a sync that passes validation
 * (with the template's budget on the connection), and is listed in docs/connectors.md, which is
 * generated from the templates ({@code -Dcaravan.docs.record=true} rewrites it).
 */
class ConnectorCatalogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EnvironmentResolver ENV = new EnvironmentResolver(name -> "from-env-" + name);
    private static final Path DOC = Path.of("docs/connectors.md");
    private static final String BEGIN = "<!-- BEGIN GENERATED CATALOG -->";
    private static final String END = "<!-- END GENERATED CATALOG -->";

    @TempDir
    Path dir;

    static Collection<ConnectorTemplate> templates() {
        return ConnectorCatalog.builtIn().all();
    }

    @Test
    void theCatalogHoldsTheFiveSourcesAndTwoWriteBacks() {
        assertThat(templates()).extracting(ConnectorTemplate::name).containsExactly("salesforce-object", "hubspot-crm-objects",
                "airtable-records", "stripe-objects", "github-issues", "hubspot-upsert", "salesforce-upsert");
        assertThat(templates()).allSatisfy(t -> {
            assertThat(t.title()).isNotBlank();
            assertThat(t.docs()).startsWith("https://");
            assertThat(t.rateLimit()).isNotNull();
            assertThat(t.detects()).isNotEmpty();
            assertThat(t.limits()).isNotEmpty();
            assertThat(t.parameters().values()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void theExampleExpandsIntoAValidSyncWithTheTemplatesBudget(ConnectorTemplate template) throws Exception {
        JsonNode example = template.example();
        String connectionId = example.path(template.section()).path("connection").asText();
        ObjectNode connection = ((ObjectNode) example.get("connection").deepCopy()).put("kind", "connection").put("id", connectionId).put("type", "http");
        write("connections/" + connectionId + ".yaml", connection);
        write("connections/warehouse.yaml", JSON.createObjectNode().put("kind", "connection").put("id", "warehouse").put("type", "postgres").put("url", "embedded"));
        ObjectNode sync = JSON.createObjectNode().put("kind", "sync").put("id", "example");
        sync.set("source", example.get("source"));
        sync.set("destination", example.get("destination"));
        write("syncs/example.yaml", sync);

        CaravanConfig config = new ConfigLoader(ENV).load(dir);

        SyncDefinition loaded = config.sync("example").orElseThrow();
        assertThat(loaded.source().connection()).isIn(connectionId, "warehouse");
        RateLimitSpec budget = ((HttpConnection) config.connection(connectionId).orElseThrow()).rateLimit();
        assertThat(budget).as("the template's default budget").isNotNull();
        assertThat(budget.requests()).isEqualTo(template.rateLimit().get("requests").asInt());
        assertThat(budget.share()).isEqualTo(template.rateLimit().get("share").asDouble());
    }

    @Test
    void theSyncsOwnFieldsWinAndAConnectionsOwnBudgetStays() throws Exception {
        write("connections/gh.yaml", "kind: connection\nid: gh\ntype: http\nbaseUrl: https://api.github.com\nrateLimit: { requests: 10, per: 1s }\n");
        write("connections/warehouse.yaml", "kind: connection\nid: warehouse\ntype: postgres\nurl: embedded\n");
        write("syncs/issues.yaml", """
                kind: sync
                id: issues
                source:
                  template: github-issues
                  connection: gh
                  parameters: { owner: apache, repo: camel, state: open }
                  pagination: { size: 30 }
                  incremental: { lookback: 5m }
                destination: { connection: warehouse, table: gh.issues }
                """);

        CaravanConfig config = new ConfigLoader(ENV).load(dir);

        HttpSourceSpec source = (HttpSourceSpec) config.sync("issues").orElseThrow().source();
        assertThat(source.path()).isEqualTo("/repos/apache/camel/issues");
        assertThat(source.params()).containsEntry("state", "open").containsEntry("sort", "updated");
        assertThat(source.pagination().size()).as("overridden").isEqualTo(30);
        assertThat(source.pagination().sizeParam()).as("kept from the template").isEqualTo("per_page");
        assertThat(source.incremental().lookback().duration()).hasMinutes(5);
        assertThat(source.incremental().param()).isEqualTo("since");
        assertThat(((HttpConnection) config.connection("gh").orElseThrow()).rateLimit().requests()).as("the connection's own budget").isEqualTo(10);
    }

    @Test
    void listParametersBecomeArraysOrCommaSeparatedText() throws Exception {
        write("connections/hs.yaml", "kind: connection\nid: hs\ntype: http\nbaseUrl: https://api.hubapi.com\n");
        write("connections/warehouse.yaml", "kind: connection\nid: warehouse\ntype: postgres\nurl: embedded\n");
        write("syncs/contacts.yaml", """
                kind: sync
                id: contacts
                source: { template: hubspot-crm-objects, connection: hs, parameters: { properties: [email, phone] } }
                destination: { connection: warehouse, table: hs.contacts, mode: mirror }
                """);

        HttpSourceSpec source = (HttpSourceSpec) new ConfigLoader(ENV).load(dir).sync("contacts").orElseThrow().source();

        assertThat(source.params()).containsEntry("properties", "hs_object_id,email,phone");
        assertThat(source.incremental().body().get("properties").toString()).isEqualTo("[\"email\",\"phone\"]");
        assertThat(source.incremental().windowLimit()).isEqualTo(10000);
    }

    @Test
    void badTemplateUseIsReportedWithTheFileAndKey() throws Exception {
        write("connections/warehouse.yaml", "kind: connection\nid: warehouse\ntype: postgres\nurl: embedded\n");
        write("connections/gh.yaml", "kind: connection\nid: gh\ntype: http\nbaseUrl: https://api.github.com\n");
        write("syncs/a.yaml", "kind: sync\nid: a\nsource: { template: github-isues, connection: gh }\ndestination: { connection: warehouse, table: t.a }\n");
        write("syncs/b.yaml", "kind: sync\nid: b\nsource: { template: github-issues, connection: gh, parameters: { owner: apache, repo: ../../admin, colour: red } }\n"
                + "destination: { connection: warehouse, table: t.b }\n");
        write("syncs/c.yaml", "kind: sync\nid: c\nsource: { template: github-issues, connection: gh, parameters: { repo: camel, state: some } }\n"
                + "destination: { connection: warehouse, table: t.c }\n");
        write("syncs/d.yaml", "kind: sync\nid: d\nsource: { template: salesforce-upsert, connection: gh, parameters: { sObject: A, externalIdField: B } }\n"
                + "destination: { connection: warehouse, table: t.d }\n");

        ConfigException e = catchThrowableOfType(() -> new ConfigLoader(ENV).load(dir), ConfigException.class);

        assertThat(e.getMessage())
                .contains("syncs/a.yaml:3: source.template: 'github-isues' is not a source template (did you mean 'github-issues'?)")
                .contains("syncs/b.yaml:3: source.parameters.repo: '../../admin' does not match")
                .contains("syncs/b.yaml:3: source.parameters.colour: is not a parameter of template github-issues")
                .contains("syncs/c.yaml:3: source.parameters.state: 'some' is not allowed; expected one of open, closed, all")
                .contains("syncs/c.yaml:3: source.parameters: template github-issues needs parameter 'owner'")
                .contains("syncs/d.yaml:3: source.template: 'salesforce-upsert' is not a source template");
    }

    @Test
    void docsListEveryTemplateAsGenerated() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String generated = BEGIN + "\n" + ConnectorDocs.render(templates()) + END;
        String current = doc.substring(doc.indexOf(BEGIN), doc.indexOf(END) + END.length());
        if (Boolean.getBoolean("caravan.docs.record")) {
            Files.writeString(DOC, doc.replace(current, generated), StandardCharsets.UTF_8);
            current = generated;
        }
        assertThat(current).isEqualTo(generated);
    }

    private void write(String file, Object content) throws Exception {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content instanceof String text ? text : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(content));
    }
}
