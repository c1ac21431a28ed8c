package dev.caravan.runtime.apisync;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.caravan.state.RunHistory;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SyncRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.testing.Http;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An API sync against a WireMock API on a real PostgreSQL: backfill, then polls from the cursor. */
class ApiSyncIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private WireMockServer api;
    private RuntimeHarness runtime;

    @BeforeEach
    void startApi() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        api.stop();
    }

    private void startRuntime(Path config) throws Exception {
        TestConfig.write(config, Map.of(
                "connections/crm.yaml", "kind: connection\nid: crm\ntype: http\nbaseUrl: " + api.baseUrl() + "\n"
                        + "auth: { type: bearer, token: \"${env:CRM_TOKEN:-secret-token}\" }\n",
                "connections/warehouse.yaml", TestConfig.warehouse(),
                "syncs/contacts.yaml", """
                        kind: sync
                        id: contacts
                        source:
                          connection: crm
                          path: /contacts
                          params: { sort: updated_at }
                          records: $.data
                          primaryKey: [id]
                          pagination: { type: page, pageParam: page, sizeParam: per_page, size: 2 }
                          incremental: { cursorField: updated_at, param: updated_since, lookback: 5s }
                        destination: { connection: warehouse, table: crm.contacts }
                        """));
        runtime = RuntimeHarness.startOnTestDatabase(config, Map.of());
    }

    @Test
    void backfillsEveryPageThenPollsFromTheCursor(@TempDir Path config) throws Exception {
        stubPage("1", null, "[" + contact(1, "Ada", "2026-01-01T10:00:00Z") + "," + contact(2, "Bob", "2026-01-01T11:00:00Z") + "]");
        stubPage("2", null, "[" + contact(3, "Cy", "2026-01-01T12:00:00Z") + "," + contact(4, "Di", "2026-01-01T12:00:00Z") + "]");
        stubPage("3", null, "[" + contact(5, "Ed", "2026-01-01T09:00:00Z") + "]");
        startRuntime(config);

        runSync();

        assertThat(rows("SELECT id || ':' || name FROM crm.contacts ORDER BY id")).containsExactly("1:Ada", "2:Bob", "3:Cy", "4:Di", "5:Ed");
        SyncRun backfill = history().recent("contacts", 1).get(0);
        assertThat(backfill.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(backfill.rows().pages()).isEqualTo(3);
        assertThat(backfill.rows().read()).isEqualTo(5);
        assertThat(backfill.rows().added()).isEqualTo(5);
        assertThat(rows("SELECT phase || ':' || backfill_completed || ':' || cursor_value FROM caravan.sync_state WHERE sync_id = 'contacts'"))
                .containsExactly("incremental:true:2026-01-01T12:00:00Z");
        api.verify(getRequestedFor(urlPathEqualTo("/contacts")).withHeader("Authorization", equalTo("Bearer secret-token"))
                .withQueryParam("updated_since", absent()));

        String bound = "2026-01-01T11:59:55Z";
        stubPage("1", bound, "[" + contact(4, "Di", "2026-01-01T12:00:00Z") + "," + contact(2, "Bobby", "2026-01-01T13:00:00Z") + "]");
        stubPage("2", bound, "[" + contact(6, "Flo", "2026-01-01T13:30:00Z") + "]");

        runSync();

        assertThat(rows("SELECT id || ':' || name FROM crm.contacts ORDER BY id"))
                .containsExactly("1:Ada", "2:Bobby", "3:Cy", "4:Di", "5:Ed", "6:Flo");
        SyncRun poll = history().recent("contacts", 1).get(0);
        assertThat(poll.rows().read()).isEqualTo(3);
        assertThat(poll.rows().added()).as("Flo").isEqualTo(1);
        assertThat(poll.rows().changed()).as("Bob renamed; Di unchanged is not rewritten").isEqualTo(1);
        assertThat(rows("SELECT cursor_value FROM caravan.sync_state WHERE sync_id = 'contacts'")).containsExactly("2026-01-01T13:30:00Z");

        stubPage("1", "2026-01-01T13:29:55Z", "[]");
        runSync();
        assertThat(history().recent("contacts", 1).get(0).rows().read()).isZero();

        JsonNode status = JSON.readTree(Http.get(runtime.api("/api/syncs/contacts")).body());
        assertThat(status.path("phase").asText()).isEqualTo("incremental");
        assertThat(status.path("backfill").path("pages").asLong()).isEqualTo(3);
        assertThat(status.path("backfill").path("records").asLong()).isEqualTo(5);
        assertThat(status.path("cursor").asText()).isEqualTo("2026-01-01T13:30:00Z");
        assertThat(status.path("lagSeconds").asDouble()).isBetween(0.0, 60.0);
        assertThat(status.path("lastRun").path("status").asText()).isEqualTo("succeeded");
        assertThat(Http.get(runtime.management("/observe/metrics")).body()).contains("caravan_sync_lag_seconds{sync=\"contacts\"");

        HttpResponse<String> triggered = Http.send(HttpRequest.newBuilder(URI.create(runtime.api("/api/syncs/contacts/runs")))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(triggered.statusCode()).isEqualTo(202);
        long runId = JSON.readTree(triggered.body()).path("runId").asLong();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(history().find(runId).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED));
        assertThat(history().find(runId).orElseThrow().trigger()).isEqualTo("api");
        assertThat(Http.get(runtime.api("/api/syncs/nope")).statusCode()).isEqualTo(404);
        assertThat(rows("SELECT count(*) FROM crm.contacts")).containsExactly("6");
        assertThat(api.findAllUnmatchedRequests()).isEmpty();
    }

    private void stubPage(String page, String updatedSince, String data) {
        var request = get(urlPathEqualTo("/contacts")).withQueryParam("page", equalTo(page)).withQueryParam("per_page", equalTo("2"))
                .withQueryParam("sort", equalTo("updated_at"))
                .withQueryParam("updated_since", updatedSince == null ? absent() : equalTo(updatedSince));
        api.stubFor(request.willReturn(okJson("{\"data\": " + data + "}")));
    }

    private static String contact(int id, String name, String updatedAt) {
        return "{\"id\": " + id + ", \"name\": \"" + name + "\", \"updated_at\": \"" + updatedAt + "\", \"tags\": [\"a\"]}";
    }

    private void runSync() {
        runtime.context().createProducerTemplate().sendBody("direct:sync-contacts", null);
    }

    private RunHistory history() {
        return runtime.context().getRegistry().lookupByNameAndType("runHistory", RunHistory.class);
    }

    private List<String> rows(String sql) throws Exception {
        DataSource dataSource = runtime.context().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
