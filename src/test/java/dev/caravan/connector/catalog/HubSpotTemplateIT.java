package dev.caravan.connector.catalog;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The hubspot-crm-objects template against responses shaped as HubSpot's CRM v3 API documents
 * them: list pages with paging.next.after, the search API (POST, filter on lastmodifieddate,
 * 10,000-result cap, here lowered to 4), archived objects, and RATE_LIMIT 429s.
 */
class HubSpotTemplateIT extends StubbedApiTest {
    private static final String CONTACTS = "/crm/v3/objects/contacts";
    private static final String SEARCH = CONTACTS + "/search";
    private static final String FILTER_VALUE = "$.filterGroups[0].filters[0].value";

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/hubspot.yaml", bearerConnection("hubspot", "pat-na1-test", ""));
        // the search cap is lowered from 10,000 to 4 (and pages to 2) so a window split takes six records
        files.put("syncs/hs-contacts.yaml", """
                kind: sync
                id: hs-contacts
                source:
                  template: hubspot-crm-objects
                  connection: hubspot
                  incremental: { windowLimit: 4, pagination: { size: 2 } }
                destination: { connection: warehouse, table: hs.contacts, mode: mirror }
                """);
        files.put("syncs/hs-companies.yaml", """
                kind: sync
                id: hs-companies
                source:
                  template: hubspot-crm-objects
                  connection: hubspot
                  parameters: { objectType: companies, properties: [name, domain], modifiedProperty: hs_lastmodifieddate }
                  incremental: { windowLimit: 2, pagination: { size: 2 } }
                destination: { connection: warehouse, table: hs.companies }
                """);
        startRuntime(files);
    }

    private static String contact(String id, String updatedAt, boolean archived) {
        return """
                {"id": "%s", "properties": {"createdate": "2026-10-01T00:00:00.000Z", "email": "c%s@example.com", "firstname": "C%s",
                 "hs_object_id": "%s", "lastmodifieddate": "%s", "lastname": "L"},
                 "createdAt": "2026-10-01T00:00:00.000Z", "updatedAt": "%s", "archived": %s}""".formatted(id, id, id, id, updatedAt, updatedAt, archived);
    }

    private static String page(String next, String... results) {
        return "{\"results\": [" + String.join(",", results) + "]"
                + (next == null ? "" : ", \"paging\": {\"next\": {\"after\": \"" + next + "\", \"link\": \"https://api.hubapi.com/x?after=" + next + "\"}}") + "}";
    }

    private static String epochMs(String iso) {
        return Long.toString(Instant.parse(iso).toEpochMilli());
    }

    @Test
    void backfillsWithAfterCursorsThenSearchesInWindowsUnderTheCapAndRemovesArchived() {
        api.stubFor(get(urlPathEqualTo(CONTACTS)).withQueryParam("archived", equalTo("false")).withQueryParam("after", absent())
                .withQueryParam("properties", equalTo("hs_object_id,email,firstname,lastname")).withQueryParam("limit", equalTo("100"))
                .willReturn(okJson(page("102", contact("101", "2026-11-01T10:00:00.000Z", false)))));
        api.stubFor(get(urlPathEqualTo(CONTACTS)).withQueryParam("archived", equalTo("false")).withQueryParam("after", equalTo("102"))
                .willReturn(okJson(page(null, contact("102", "2026-11-01T10:03:00.000Z", false), contact("103", "2026-11-01T10:01:00.000Z", false)))));

        runtime.runSync("hs-contacts");

        assertThat(runtime.sql("SELECT id || ' ' || email || ' ' || hs_object_id FROM hs.contacts ORDER BY id"))
                .as("properties flattened into columns").containsExactly("101 c101@example.com 101", "102 c102@example.com 102", "103 c103@example.com 103");

        // window 1 from the cursor (10:03, less the 1m lookback) in epoch ms; HubSpot would refuse after=4 (the cap)
        String bound = epochMs("2026-11-01T10:02:00Z");
        api.stubFor(post(urlPathEqualTo(SEARCH)).withRequestBody(matchingJsonPath(FILTER_VALUE, equalTo(bound))).withRequestBody(matchingJsonPath("$.after", absent()))
                .inScenario("search").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("throttled once")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(
                        "{\"status\": \"error\", \"message\": \"You have reached your secondly limit.\", \"errorType\": \"RATE_LIMIT\", \"policyName\": \"SECONDLY\"}")));
        api.stubFor(post(urlPathEqualTo(SEARCH)).withRequestBody(matchingJsonPath(FILTER_VALUE, equalTo(bound))).withRequestBody(matchingJsonPath("$.after", absent()))
                .inScenario("search").whenScenarioStateIs("throttled once")
                .willReturn(okJson(page("2", contact("102", "2026-11-01T10:03:00.000Z", false), contact("104", "2026-11-02T09:00:00.000Z", false)))));
        api.stubFor(post(urlPathEqualTo(SEARCH)).withRequestBody(matchingJsonPath(FILTER_VALUE, equalTo(bound))).withRequestBody(matchingJsonPath("$.after", equalTo("2")))
                .willReturn(okJson(page("4", contact("105", "2026-11-02T09:30:00.000Z", false), contact("106", "2026-11-02T10:00:00.000Z", false)))));
        api.stubFor(post(urlPathEqualTo(SEARCH)).withRequestBody(matchingJsonPath(FILTER_VALUE, equalTo(bound))).withRequestBody(matchingJsonPath("$.after", equalTo("4")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"status\": \"error\", \"message\": \"paging past 10000 results is not supported\", \"category\": \"VALIDATION_ERROR\"}")));
        // window 2 starts at the highest lastmodifieddate seen, exactly
        api.stubFor(post(urlPathEqualTo(SEARCH)).withRequestBody(matchingJsonPath(FILTER_VALUE, equalTo(epochMs("2026-11-02T10:00:00Z")))).withRequestBody(matchingJsonPath("$.after", absent()))
                .willReturn(okJson(page(null, contact("106", "2026-11-02T10:00:00.000Z", false), contact("107", "2026-11-02T11:00:00.000Z", false)))));
        api.stubFor(get(urlPathEqualTo(CONTACTS)).withQueryParam("archived", equalTo("true"))
                .willReturn(okJson(page(null, contact("103", "2026-11-02T08:00:00.000Z", true)))));

        runtime.runSync("hs-contacts");

        assertThat(runtime.sql("SELECT string_agg(id, ',' ORDER BY id) FROM hs.contacts")).containsExactly("101,102,104,105,106,107");
        assertThat(api.findAll(postRequestedFor(urlPathEqualTo(SEARCH)).withRequestBody(matchingJsonPath("$.after", equalTo("4"))))).as("never pages past the cap").isEmpty();
        assertThat(api.findAll(postRequestedFor(urlPathEqualTo(SEARCH)))).as("429, window 1 (2 pages), window 2").hasSize(4);
        String body = api.findAll(postRequestedFor(urlPathEqualTo(SEARCH))).get(1).getBodyAsString();
        assertThat(body).contains("\"sorts\":[{\"propertyName\":\"lastmodifieddate\",\"direction\":\"ASCENDING\"}]")
                .contains("\"properties\":[\"email\",\"firstname\",\"lastname\"]").contains("\"operator\":\"GTE\"").contains("\"limit\":2");
        assertThat(runtime.sql("SELECT cursor_value FROM caravan.sync_state WHERE sync_id = 'hs-contacts'")).containsExactly("2026-11-02T11:00:00Z");
    }

    @Test
    void moreRecordsWithOneModificationTimeThanTheCapFailTheRunRatherThanSkipAny() {
        String company = "{\"id\": \"%s\", \"properties\": {\"name\": \"N\", \"hs_lastmodifieddate\": \"%s\"}, \"updatedAt\": \"%s\", \"archived\": false}";
        api.stubFor(get(urlPathEqualTo("/crm/v3/objects/companies")).withQueryParam("archived", equalTo("false"))
                .willReturn(okJson(page(null, company.formatted("1", "2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z")))));
        runtime.runSync("hs-companies");
        String same = "2026-11-03T12:00:00Z";
        api.stubFor(post(urlPathEqualTo("/crm/v3/objects/companies/search"))
                .willReturn(okJson(page("2", company.formatted("2", same, same), company.formatted("3", same, same)))));

        assertThat(catchThrowable(() -> runtime.runSync("hs-companies"))).isNotNull();

        assertThat(runtime.lastRun("hs-companies").errorMessage()).contains("at most 2 results per query")
                .contains("share updatedAt 2026-11-03T12:00:00Z");
        assertThat(runtime.sql("SELECT cursor_value FROM caravan.sync_state WHERE sync_id = 'hs-companies'"))
                .as("the cursor did not move past what could not be read").containsExactly("2026-11-01T10:00:00Z");
    }
}
