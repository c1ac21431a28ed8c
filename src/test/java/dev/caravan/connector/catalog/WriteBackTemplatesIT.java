package dev.caravan.connector.catalog;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caravan.state.SyncRun;
import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write-back templates against responses shaped as the APIs document them: HubSpot's batch
 * upsert (200, and 207 with errors that name no row) and Salesforce's sObject Collections upsert
 * by external id (one result per record, in order, with errors).
 */
class WriteBackTemplatesIT extends StubbedApiTest {
    private static final String HUBSPOT_UPSERT = "/crm/v3/objects/contacts/batch/upsert";
    private static final String SALESFORCE_UPSERT = "/services/data/v59.0/composite/sobjects/Account/External_Id__c";

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/hubspot.yaml", bearerConnection("hubspot", "test-token", ""));
        files.put("connections/salesforce.yaml", bearerConnection("salesforce", "test-token", ""));
        files.put("syncs/leads.yaml", """
                kind: sync
                id: leads
                source: { connection: warehouse, query: "select email, firstname, lifecyclestage from app.leads", primaryKey: [email] }
                destination: { template: hubspot-upsert, connection: hubspot }
                """);
        files.put("syncs/tiers.yaml", """
                kind: sync
                id: tiers
                source: { connection: warehouse, query: "select account_number as \\"External_Id__c\\", tier as \\"Tier__c\\" from app.accounts", primaryKey: [External_Id__c] }
                destination: { template: salesforce-upsert, connection: salesforce, parameters: { sObject: Account, externalIdField: External_Id__c } }
                """);
        startRuntime(files);
        runtime.execute("CREATE SCHEMA app");
    }

    @Test
    void hubSpotBatchUpsertSendsPropertiesByIdPropertyAndA207RejectsTheBatchUntilItIsAccepted() {
        runtime.execute("CREATE TABLE app.leads (email text PRIMARY KEY, firstname text, lifecyclestage text);"
                + "INSERT INTO app.leads VALUES ('ada@example.com', 'Ada', 'lead'), ('bo@example.com', 'Bo', 'subscriber')");
        api.stubFor(post(urlPathEqualTo(HUBSPOT_UPSERT)).inScenario("hubspot").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"status\": \"COMPLETE\", \"results\": [{\"id\": \"51\", \"properties\": {}, \"new\": true},"
                        + " {\"id\": \"52\", \"properties\": {}, \"new\": true}], \"startedAt\": \"2026-11-23T10:00:00Z\", \"completedAt\": \"2026-11-23T10:00:01Z\"}")));

        runtime.runSync("leads");

        assertThat(runtime.lastRun("leads").rows().delivered()).isEqualTo(2);
        api.verify(postRequestedFor(urlPathEqualTo(HUBSPOT_UPSERT)).withRequestBody(equalToJson("""
                {"inputs": [
                  {"idProperty": "email", "id": "ada@example.com", "properties": {"email": "ada@example.com", "firstname": "Ada", "lifecyclestage": "lead"}},
                  {"idProperty": "email", "id": "bo@example.com", "properties": {"email": "bo@example.com", "firstname": "Bo", "lifecyclestage": "subscriber"}}
                ]}""", true, false)));

        runtime.execute("UPDATE app.leads SET lifecyclestage = 'customerish' WHERE email = 'bo@example.com'");
        api.stubFor(post(urlPathEqualTo(HUBSPOT_UPSERT)).inScenario("hubspot").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("fixed")
                .willReturn(aResponse().withStatus(207).withHeader("Content-Type", "application/json").withBody(
                        "{\"status\": \"COMPLETE\", \"results\": [], \"numErrors\": 1, \"errors\": [{\"status\": \"error\", \"category\": \"VALIDATION_ERROR\","
                                + " \"message\": \"Property values were not valid: lifecyclestage 'customerish' is not a valid option\"}]}")));

        runtime.runSync("leads");

        SyncRun rejected = runtime.lastRun("leads");
        assertThat(rejected.rows().rejected()).isEqualTo(1);
        assertThat(runtime.sql("SELECT row_key::text || ' ' || status || ' ' || reason FROM caravan.rejected_rows WHERE run_id = " + rejected.runId()))
                .singleElement().asString().startsWith("[\"bo@example.com\"] 207 some rows of the batch failed (207)").contains("customerish");

        api.stubFor(post(urlPathEqualTo(HUBSPOT_UPSERT)).inScenario("hubspot").whenScenarioStateIs("fixed")
                .willReturn(okJson("{\"status\": \"COMPLETE\", \"results\": [{\"id\": \"52\", \"properties\": {}, \"new\": false}]}")));

        runtime.runSync("leads");

        assertThat(runtime.lastRun("leads").rows().delivered()).as("the rejected row is sent again and confirmed").isEqualTo(1);
    }

    @Test
    void salesforceCollectionsUpsertConfirmsOrRejectsEachRecordByItsResult() {
        runtime.execute("CREATE TABLE app.accounts (account_number text PRIMARY KEY, tier text);"
                + "INSERT INTO app.accounts VALUES ('A-1', 'Gold'), ('A-2', 'Silver')");
        api.stubFor(patch(urlPathEqualTo(SALESFORCE_UPSERT))
                .willReturn(okJson("[{\"id\": \"001A\", \"success\": true, \"errors\": [], \"created\": true},"
                        + " {\"id\": \"001B\", \"success\": true, \"errors\": [], \"created\": true}]")));

        runtime.runSync("tiers");

        assertThat(runtime.lastRun("tiers").rows().delivered()).isEqualTo(2);
        api.verify(patchRequestedFor(urlPathEqualTo(SALESFORCE_UPSERT)).withHeader("Authorization", equalTo("Bearer test-token")).withRequestBody(equalToJson("""
                {"records": [
                  {"attributes": {"type": "Account"}, "External_Id__c": "A-1", "Tier__c": "Gold"},
                  {"attributes": {"type": "Account"}, "External_Id__c": "A-2", "Tier__c": "Silver"}
                ]}""", true, false)));

        runtime.execute("UPDATE app.accounts SET tier = 'Platinum' WHERE account_number = 'A-2'; INSERT INTO app.accounts VALUES ('A-3', 'Bronze')");
        // the added row and the changed one go as two requests (insert, then update): each answer lists its one record
        api.stubFor(patch(urlPathEqualTo(SALESFORCE_UPSERT)).withRequestBody(containing("A-2"))
                .willReturn(okJson("[{\"success\": false, \"errors\": [{\"statusCode\": \"INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST\","
                        + " \"message\": \"Tier: bad value for restricted picklist field: Platinum\", \"fields\": [\"Tier__c\"]}]}]")));
        api.stubFor(patch(urlPathEqualTo(SALESFORCE_UPSERT)).withRequestBody(containing("A-3"))
                .willReturn(okJson("[{\"id\": \"001C\", \"success\": true, \"errors\": [], \"created\": true}]")));

        runtime.runSync("tiers");

        SyncRun run = runtime.lastRun("tiers");
        assertThat(run.rows().delivered()).isEqualTo(1);
        assertThat(run.rows().rejected()).isEqualTo(1);
        assertThat(runtime.sql("SELECT row_key::text || ' ' || reason FROM caravan.rejected_rows WHERE run_id = " + run.runId()))
                .singleElement().asString().startsWith("[\"A-2\"]").contains("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
    }
}
