package dev.caravan.connector.catalog;

import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The salesforce-object template against responses shaped as Salesforce's REST API documents them:
 * queryAll pages linked by nextRecordsUrl, SOQL with a SystemModstamp bound, IsDeleted records,
 * the key scan, and the API's error arrays.
 */
class SalesforceTemplateIT extends StubbedApiTest {
    private static final String QUERY_ALL = "/services/data/v59.0/queryAll";
    private static final String SELECT = "SELECT Id, SystemModstamp, IsDeleted, FirstName,LastName,Email FROM Contact";

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/salesforce.yaml", bearerConnection("salesforce", "sf-session", ""));
        files.put("syncs/sf-contacts.yaml", """
                kind: sync
                id: sf-contacts
                source:
                  template: salesforce-object
                  connection: salesforce
                  parameters: { object: Contact, fields: [FirstName, LastName, Email], batchSize: 200 }
                destination: { connection: warehouse, table: sf.contacts, mode: mirror }
                """);
        files.put("syncs/sf-accounts.yaml", """
                kind: sync
                id: sf-accounts
                source: { template: salesforce-object, connection: salesforce, parameters: { object: Account, fields: [Name, Rating__x] } }
                destination: { connection: warehouse, table: sf.accounts }
                """);
        startRuntime(files);
    }

    private static String contact(String id, String modstamp, boolean deleted, String lastName) {
        return """
                {"attributes": {"type": "Contact", "url": "/services/data/v59.0/sobjects/Contact/%s"},
                 "Id": "%s", "SystemModstamp": "%s", "IsDeleted": %s, "FirstName": "Ada", "LastName": "%s", "Email": "%s@example.com"}"""
                .formatted(id, id, modstamp, deleted, lastName, id.toLowerCase());
    }

    @Test
    void backfillsThroughNextRecordsUrlThenPollsBySystemModstampAndRemovesDeletedRecords() {
        api.stubFor(get(urlPathEqualTo(QUERY_ALL)).withQueryParam("q", equalTo(SELECT)).withHeader("Sforce-Query-Options", equalTo("batchSize=200"))
                .withHeader("Authorization", equalTo("Bearer sf-session"))
                .willReturn(okJson("{\"totalSize\": 3, \"done\": false, \"nextRecordsUrl\": \"/services/data/v59.0/query/01gRO0000016PIAYA2-2\", \"records\": ["
                        + contact("003A", "2026-11-01T10:00:00.000+0000", false, "Lovelace") + ","
                        + contact("003B", "2026-11-01T10:01:30.000+0000", false, "Byron") + "]}")));
        api.stubFor(get(urlPathEqualTo("/services/data/v59.0/query/01gRO0000016PIAYA2-2"))
                .willReturn(okJson("{\"totalSize\": 3, \"done\": true, \"records\": [" + contact("003C", "2026-11-01T10:02:00.250+0000", false, "King") + "]}")));

        runtime.runSync("sf-contacts");

        assertThat(runtime.sql("SELECT id || ' ' || lastname || ' ' || (attributes->>'type') FROM sf.contacts ORDER BY id"))
                .containsExactly("003A Lovelace Contact", "003B Byron Contact", "003C King Contact");
        assertThat(runtime.sql("SELECT backfill_total FROM caravan.sync_state WHERE sync_id = 'sf-contacts'")).containsExactly("3");

        // the poll's SOQL carries the cursor (10:02:00.250, less the 1m lookback) to whole seconds, as SOQL wants
        String poll = SELECT + " WHERE SystemModstamp >= 2026-11-01T10:01:00Z ORDER BY SystemModstamp ASC";
        api.stubFor(get(urlPathEqualTo(QUERY_ALL)).withQueryParam("q", equalTo(poll))
                .willReturn(okJson("{\"totalSize\": 3, \"done\": true, \"records\": ["
                        + contact("003B", "2026-11-01T10:05:00.000+0000", false, "Noel-Byron") + ","
                        + contact("003C", "2026-11-01T10:06:00.000+0000", true, "King") + ","
                        + contact("003D", "2026-11-01T10:07:00.000+0000", false, "Somerville") + "]}")));
        // the key scan lists the live ids: 003A was deleted so long ago that queryAll no longer returns it
        api.stubFor(get(urlPathEqualTo("/services/data/v59.0/query")).withQueryParam("q", equalTo("SELECT Id FROM Contact"))
                .willReturn(okJson("{\"totalSize\": 2, \"done\": true, \"records\": ["
                        + "{\"attributes\": {\"type\": \"Contact\"}, \"Id\": \"003B\"}, {\"attributes\": {\"type\": \"Contact\"}, \"Id\": \"003D\"}]}")));
        // and a lookup confirms that 003A is gone before its row is removed
        api.stubFor(get(urlPathEqualTo("/services/data/v59.0/sobjects/Contact/003A"))
                .willReturn(aResponse().withStatus(404).withBody("[{\"errorCode\": \"NOT_FOUND\", \"message\": \"The requested resource does not exist\"}]")));

        runtime.runSync("sf-contacts");

        assertThat(runtime.sql("SELECT id || ' ' || lastname FROM sf.contacts ORDER BY id")).containsExactly("003B Noel-Byron", "003D Somerville");
        assertThat(runtime.sql("SELECT cursor_value FROM caravan.sync_state WHERE sync_id = 'sf-contacts'")).containsExactly("2026-11-01T10:07:00Z");
        api.verify(1, getRequestedFor(urlPathEqualTo("/services/data/v59.0/query")).withQueryParam("q", equalTo("SELECT Id FROM Contact")));
        api.verify(1, getRequestedFor(urlPathEqualTo("/services/data/v59.0/sobjects/Contact/003A"))
                .withQueryParam("fields", equalTo("Id,SystemModstamp,IsDeleted,FirstName,LastName,Email")));
    }

    @Test
    void aSoqlErrorAndTheDailyLimitFailTheRunWithSalesforcesOwnWords() {
        String select = "SELECT Id, SystemModstamp, IsDeleted, Name,Rating__x FROM Account";
        api.stubFor(get(urlPathEqualTo(QUERY_ALL)).withQueryParam("q", equalTo(select)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\": \"No such column 'Rating__x' on entity 'Account'.\", \"errorCode\": \"INVALID_FIELD\"}]")));

        assertThat(catchThrowable(() -> runtime.runSync("sf-accounts"))).isNotNull();
        assertThat(runtime.lastRun("sf-accounts").errorMessage()).contains("answered 400").contains("INVALID_FIELD").contains("Rating__x");

        api.stubFor(get(urlPathEqualTo(QUERY_ALL)).withQueryParam("q", equalTo(select)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\": \"TotalRequests Limit exceeded.\", \"errorCode\": \"REQUEST_LIMIT_EXCEEDED\"}]")));
        int before = api.findAll(getRequestedFor(urlPathEqualTo(QUERY_ALL)).withQueryParam("q", equalTo(select))).size();

        assertThat(catchThrowable(() -> runtime.runSync("sf-accounts"))).isNotNull();
        assertThat(runtime.lastRun("sf-accounts").errorMessage()).contains("answered 403").contains("REQUEST_LIMIT_EXCEEDED");
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo(QUERY_ALL)).withQueryParam("q", equalTo(select))))
                .as("a spent daily allowance is not retried").hasSize(before + 1);
    }
}
