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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The stripe-objects template against responses shaped as Stripe's API documents them: list
 * objects with has_more and starting_after, the events API (newest first, created[gte], the
 * object in data.object, customer.deleted), rate_limit 429s and invalid_request_error.
 */
class StripeTemplateIT extends StubbedApiTest {
    private static final long T = 1_793_527_200L; // 2026-11-01T10:00:00Z

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/stripe.yaml", bearerConnection("stripe", "sk_test_123", ""));
        files.put("syncs/customers.yaml", """
                kind: sync
                id: customers
                source: { template: stripe-objects, connection: stripe }
                destination: { connection: warehouse, table: stripe.customers, mode: mirror }
                """);
        files.put("syncs/products.yaml", """
                kind: sync
                id: products
                source: { template: stripe-objects, connection: stripe, parameters: { object: products, eventPrefix: product }, pagination: { size: 1 } }
                destination: { connection: warehouse, table: stripe.products }
                """);
        startRuntime(files);
    }

    private static String customer(String id, long created, String name) {
        return """
                {"id": "%s", "object": "customer", "balance": 0, "created": %d, "email": "%s@example.com", "livemode": false, "metadata": {}, "name": "%s"}"""
                .formatted(id, created, id, name);
    }

    private static String event(String id, String type, long created, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "2024-06-20", "created": %d, "data": {"object": %s, "previous_attributes": {}},
                 "livemode": false, "pending_webhooks": 0, "request": {"id": null, "idempotency_key": null}, "type": "%s"}"""
                .formatted(id, created, object, type);
    }

    private static String list(String path, boolean hasMore, String... data) {
        return "{\"object\": \"list\", \"url\": \"" + path + "\", \"has_more\": " + hasMore + ", \"data\": [" + String.join(",", data) + "]}";
    }

    @Test
    void backfillsWithStartingAfterThenAppliesEventsOldestFirstIncludingDeletes() {
        api.stubFor(get(urlPathEqualTo("/v1/customers")).withQueryParam("starting_after", absent()).withQueryParam("limit", equalTo("100"))
                .withHeader("Authorization", equalTo("Bearer sk_test_123"))
                .willReturn(okJson(list("/v1/customers", true, customer("cus_A", T, "Ada"), customer("cus_B", T + 60, "Bo")))));
        api.stubFor(get(urlPathEqualTo("/v1/customers")).withQueryParam("starting_after", equalTo("cus_B"))
                .willReturn(okJson(list("/v1/customers", false, customer("cus_C", T + 120, "Cy")))));

        runtime.runSync("customers");

        assertThat(runtime.sql("SELECT id || ' ' || name FROM stripe.customers ORDER BY id")).containsExactly("cus_A Ada", "cus_B Bo", "cus_C Cy");
        api.verify(0, getRequestedFor(urlPathEqualTo("/v1/customers")).withQueryParam("starting_after", equalTo("cus_C")));

        // the feed lists newest first: cus_B's latest version (Bea) must win over the older one (Bee)
        String since = Long.toString(T + 120 - 5);
        api.stubFor(get(urlPathEqualTo("/v1/events")).withQueryParam("type", equalTo("customer.*")).withQueryParam("created[gte]", equalTo(since))
                .withQueryParam("starting_after", absent()).inScenario("events").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\": {\"code\": \"rate_limit\", \"message\": \"Too many requests hit the API too quickly.\", \"type\": \"invalid_request_error\"}}")));
        api.stubFor(get(urlPathEqualTo("/v1/events")).withQueryParam("created[gte]", equalTo(since)).withQueryParam("starting_after", absent())
                .inScenario("events").whenScenarioStateIs("open")
                .willReturn(okJson(list("/v1/events", true,
                        event("evt_4", "customer.deleted", T + 400, customer("cus_A", T, "Ada")),
                        event("evt_3", "customer.updated", T + 300, customer("cus_B", T + 60, "Bea"))))));
        api.stubFor(get(urlPathEqualTo("/v1/events")).withQueryParam("created[gte]", equalTo(since)).withQueryParam("starting_after", equalTo("evt_3"))
                .willReturn(okJson(list("/v1/events", false,
                        event("evt_2", "customer.updated", T + 200, customer("cus_B", T + 60, "Bee")),
                        event("evt_1", "customer.created", T + 150, customer("cus_D", T + 150, "Di"))))));

        runtime.runSync("customers");

        assertThat(runtime.sql("SELECT id || ' ' || name FROM stripe.customers ORDER BY id")).containsExactly("cus_B Bea", "cus_C Cy", "cus_D Di");
        assertThat(runtime.sql("SELECT cursor_value FROM caravan.sync_state WHERE sync_id = 'customers'")).containsExactly("2026-11-01T10:06:40Z");
        assertThat(runtime.lastRun("customers").rows().removed()).isEqualTo(1);
    }

    @Test
    void anInvalidRequestFailsTheRunWithStripesMessage() {
        api.stubFor(get(urlPathEqualTo("/v1/products")).withQueryParam("starting_after", absent()).withQueryParam("limit", equalTo("1"))
                .willReturn(okJson(list("/v1/products", true, "{\"id\": \"prod_1\", \"object\": \"product\", \"created\": " + T + ", \"name\": \"Plan\"}"))));
        api.stubFor(get(urlPathEqualTo("/v1/products")).withQueryParam("starting_after", equalTo("prod_1"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"code": "resource_missing", "doc_url": "https://stripe.com/docs/error-codes/resource-missing",
                         "message": "No such product: 'prod_1'", "param": "starting_after", "type": "invalid_request_error"}}""")));

        assertThat(catchThrowable(() -> runtime.runSync("products"))).isNotNull();

        assertThat(runtime.lastRun("products").errorMessage()).contains("answered 400").contains("No such product");
        assertThat(runtime.sql("SELECT page_token FROM caravan.sync_state WHERE sync_id = 'products'"))
                .as("the backfill resumes after the committed page").containsExactly("prod_1");
    }
}
