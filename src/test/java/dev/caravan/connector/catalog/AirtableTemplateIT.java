package dev.caravan.connector.catalog;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The airtable-records template against responses shaped as Airtable's Web API documents them:
 * offset paging, records with their values under fields, filterByFormula on LAST_MODIFIED_TIME(),
 * the key scan, 429 RATE_LIMIT_REACHED and 422 INVALID_FILTER_BY_FORMULA.
 */
class AirtableTemplateIT extends StubbedApiTest {
    private static final String TABLE = "/v0/appAbCdEfGhIjKlMn/tblProjects";

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/airtable.yaml", bearerConnection("airtable", "pat-test", ""));
        files.put("syncs/projects.yaml", """
                kind: sync
                id: projects
                source:
                  template: airtable-records
                  connection: airtable
                  parameters: { baseId: appAbCdEfGhIjKlMn, table: tblProjects, lastModifiedField: Last Modified }
                destination: { connection: warehouse, table: airtable.projects, mode: mirror }
                """);
        files.put("syncs/broken.yaml", """
                kind: sync
                id: broken
                source:
                  template: airtable-records
                  connection: airtable
                  parameters: { baseId: appAbCdEfGhIjKlMn, table: tblBroken, lastModifiedField: Changed }
                destination: { connection: warehouse, table: airtable.broken }
                """);
        startRuntime(files);
    }

    private static String record(String id, String name, String status, String modified) {
        return """
                {"id": "%s", "createdTime": "2026-10-01T00:00:00.000Z", "fields": {"Name": "%s", "Status": "%s", "Last Modified": "%s"}}"""
                .formatted(id, name, status, modified);
    }

    @Test
    void backfillsWithOffsetsThenFiltersOnLastModifiedTimeAndScansKeysForDeletes() {
        api.stubFor(get(urlPathEqualTo(TABLE)).withQueryParam("offset", absent()).withQueryParam("pageSize", equalTo("100"))
                .withQueryParam("filterByFormula", absent()).withQueryParam("fields[]", absent())
                .inScenario("limit").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\": [{\"error\": \"RATE_LIMIT_REACHED\", \"message\": \"Rate limit exceeded. Please try again later\"}]}")));
        api.stubFor(get(urlPathEqualTo(TABLE)).withQueryParam("offset", absent()).withQueryParam("filterByFormula", absent()).withQueryParam("fields[]", absent())
                .inScenario("limit").whenScenarioStateIs("open")
                .willReturn(okJson("{\"records\": [" + record("rec1", "Alpha", "Todo", "2026-11-01T10:00:00.000Z") + ","
                        + record("rec2", "Beta", "Todo", "2026-11-01T10:05:00.000Z") + "], \"offset\": \"itrX5cD1/rec2\"}")));
        api.stubFor(get(urlPathEqualTo(TABLE)).withQueryParam("offset", equalTo("itrX5cD1/rec2")).withQueryParam("filterByFormula", absent())
                .willReturn(okJson("{\"records\": [" + record("rec3", "Gamma", "Done", "2026-11-01T09:00:00.000Z") + "]}")));

        runtime.runSync("projects");

        assertThat(runtime.sql("SELECT id || ' ' || name || ' ' || status || ' ' || last_modified AT TIME ZONE 'UTC' || '+00' FROM airtable.projects ORDER BY id"))
                .as("fields flattened into columns").containsExactly(
                        "rec1 Alpha Todo 2026-11-01 10:00:00+00", "rec2 Beta Todo 2026-11-01 10:05:00+00", "rec3 Gamma Done 2026-11-01 09:00:00+00");
        assertThat(runtime.lastRun("projects").rows().read()).isEqualTo(3);

        api.stubFor(get(urlPathEqualTo(TABLE)).withQueryParam("filterByFormula", equalTo("NOT(IS_BEFORE(LAST_MODIFIED_TIME(), '2026-11-01T10:04:59Z'))"))
                .willReturn(okJson("{\"records\": [" + record("rec2", "Beta", "Done", "2026-11-02T08:00:00.000Z") + ","
                        + record("rec4", "Delta", "Todo", "2026-11-02T08:30:00.000Z") + "]}")));
        api.stubFor(get(urlPathEqualTo(TABLE)).withQueryParam("fields[]", equalTo("Last Modified")).withQueryParam("filterByFormula", absent())
                .willReturn(okJson("{\"records\": [{\"id\": \"rec2\", \"createdTime\": \"2026-10-01T00:00:00.000Z\", \"fields\": {\"Last Modified\": \"2026-11-02T08:00:00.000Z\"}},"
                        + "{\"id\": \"rec4\", \"createdTime\": \"2026-10-01T00:00:00.000Z\", \"fields\": {\"Last Modified\": \"2026-11-02T08:30:00.000Z\"}}]}")));
        api.stubFor(get(urlPathMatching(TABLE + "/rec[13]")).willReturn(aResponse().withStatus(404)
                .withBody("{\"error\": {\"type\": \"MODEL_ID_NOT_FOUND\"}}")));

        runtime.runSync("projects");

        assertThat(runtime.sql("SELECT id || ' ' || status FROM airtable.projects ORDER BY id")).containsExactly("rec2 Done", "rec4 Todo");
        assertThat(runtime.sql("SELECT cursor_value FROM caravan.sync_state WHERE sync_id = 'projects'")).containsExactly("2026-11-02T08:30:00Z");
        api.verify(1, getRequestedFor(urlPathEqualTo(TABLE)).withQueryParam("fields[]", equalTo("Last Modified")));
        api.verify(2, getRequestedFor(urlPathMatching(TABLE + "/rec[13]")));
    }

    @Test
    void aFormulaAirtableRefusesFailsTheRunWithItsMessage() {
        api.stubFor(get(urlPathEqualTo("/v0/appAbCdEfGhIjKlMn/tblBroken")).withQueryParam("filterByFormula", absent())
                .willReturn(okJson("{\"records\": [{\"id\": \"rec9\", \"createdTime\": \"2026-10-01T00:00:00.000Z\", \"fields\": {\"Changed\": \"2026-11-01T00:00:00.000Z\"}}]}")));
        runtime.runSync("broken");
        api.stubFor(get(urlPathEqualTo("/v0/appAbCdEfGhIjKlMn/tblBroken")).withQueryParam("filterByFormula", equalTo("NOT(IS_BEFORE(LAST_MODIFIED_TIME(), '2026-10-31T23:59:59Z'))"))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\": {\"type\": \"INVALID_FILTER_BY_FORMULA\", \"message\": \"The formula for filtering records is invalid: Invalid formula. Please check your formula text.\"}}")));

        assertThat(catchThrowable(() -> runtime.runSync("broken"))).isNotNull();

        assertThat(runtime.lastRun("broken").errorMessage()).contains("answered 422").contains("INVALID_FILTER_BY_FORMULA");
        assertThat(runtime.sql("SELECT id FROM airtable.broken")).containsExactly("rec9");
    }
}
