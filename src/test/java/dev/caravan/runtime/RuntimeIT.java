package dev.caravan.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.testing.Http;
import dev.caravan.testing.RuntimeHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.caravan.testing.BaseConfig;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SyncRun;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The runtime booted through Camel Main on a real PostgreSQL: API, health, token, compiled routes. */
class RuntimeIT {
    static final String TOKEN = "it-token-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    static RuntimeHarness runtime;
    static WireMockServer crm;

    @BeforeAll
    static void start() throws Exception {
        crm = new WireMockServer(options().dynamicPort());
        crm.start();
        crm.stubFor(get(anyUrl()).willReturn(okJson("{\"data\": []}")));
        Path config = BaseConfig.copy(Files.createTempDirectory("caravan-runtime-it"), crm.baseUrl());
        runtime = RuntimeHarness.startOnTestDatabase(config, Map.of("caravan.api.token", TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.close();
        crm.stop();
    }

    @Test
    void healthIsUpAndIncludesTheDatabase() throws Exception {
        HttpResponse<String> response = Http.get(runtime.api("/api/health"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("checks").findValuesAsText("id")).contains("database");
    }

    @Test
    void infoNeedsTheToken() {
        HttpResponse<String> response = Http.get(runtime.api("/api/info"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"error\":\"unauthorized\"");
        assertThat(Http.get(runtime.api("/api/info"), "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void infoCountsDocumentsAndMasksSecrets() throws Exception {
        HttpResponse<String> response = Http.get(runtime.api("/api/info"), "Authorization", "Bearer " + TOKEN);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("counts").path("connections").asInt()).isEqualTo(2);
        assertThat(body.path("counts").path("syncs").asInt()).isEqualTo(3);
        assertThat(body.path("counts").path("sequences").asInt()).isEqualTo(1);
        assertThat(body.path("database").path("mode").asText()).isEqualTo("external");
        assertThat(response.body()).contains("\"token\":\"****\"").doesNotContain("test-token");
    }

    @Test
    void compiledRoutesRunWithStableIds() {
        assertThat(runtime.context().getRoute("sync.crm-contacts")).isNotNull();
        assertThat(runtime.context().getRoute("sync.crm-contacts.schedule")).isNotNull();
        assertThat(runtime.context().getRoute("sequence.crm-hierarchy")).isNotNull();
        assertThat(runtime.context().getRoute("sequence.crm-hierarchy.schedule")).isNotNull();
        assertThat(runtime.context().getRoute("housekeeping.purge-run-history")).isNotNull();
    }

    @Test
    void aSyncRunIsRecordedInRunHistoryWithItsError() {
        // the base configuration's activation reads a model table this database does not have
        Throwable failure = catchThrowable(() -> runtime.runSync("contacts-to-crm"));

        assertThat(failure).hasStackTraceContaining("source.query failed");
        SyncRun run = runtime.lastRun("contacts-to-crm");
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.trigger()).isEqualTo("manual");
        assertThat(run.finishedAt()).isAfterOrEqualTo(run.startedAt());
        assertThat(run.errorMessage()).contains("source.query failed").contains("does not exist");
    }

    @Test
    void aSuccessfulSyncRunIsRecordedWithItsCounts() {
        runtime.runSync("crm-accounts");

        SyncRun run = runtime.lastRun("crm-accounts");
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(run.rows().pages()).isEqualTo(1);
    }

    @Test
    void housekeepingDeletesOnlyRunsOlderThanTheRetention() throws Exception {
        DataSource dataSource = runtime.context().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO caravan.sync_runs (sync_id, trigger, status, started_at, finished_at) VALUES "
                    + "('housekeeping-probe', 'manual', 'succeeded', now() - interval '45 days', now() - interval '45 days'), "
                    + "('housekeeping-probe', 'manual', 'succeeded', now() - interval '31 days', now() - interval '31 days'), "
                    + "('housekeeping-probe', 'manual', 'failed', now() - interval '29 days', now() - interval '29 days'), "
                    + "('housekeeping-probe', 'manual', 'succeeded', now(), now())");
            s.execute("INSERT INTO caravan.rejected_rows (run_id, sync_id, row_key, operation, status, reason) SELECT run_id, sync_id, '[1]', "
                    + "'insert', 422, 'probe' FROM caravan.sync_runs WHERE sync_id = 'housekeeping-probe'");
        }

        runtime.context().createProducerTemplate().sendBody("direct:housekeeping", null);

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM caravan.sync_runs WHERE sync_id = 'housekeeping-probe'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("runs younger than 30 days are kept").isEqualTo(2);
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM caravan.rejected_rows WHERE sync_id = 'housekeeping-probe'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("rejected rows go with their runs").isEqualTo(2);
        }
    }

    @Test
    void prometheusMetricsAreServed() {
        HttpResponse<String> response = Http.get(runtime.management("/observe/metrics"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void jolokiaReadsButDoesNotExecute() {
        HttpResponse<String> read = Http.get(runtime.management("/observe/jolokia/read/java.lang:type=Memory/HeapMemoryUsage"));
        assertThat(read.body()).contains("\"status\":200").contains("\"used\"");
        HttpResponse<String> exec = Http.get(runtime.management("/observe/jolokia/exec/java.lang:type=Memory/gc"));
        assertThat(exec.body()).contains("\"status\":403");
        HttpResponse<String> systemProperties = Http.get(runtime.management("/observe/jolokia/read/java.lang:type=Runtime/SystemProperties"));
        assertThat(systemProperties.body()).contains("\"status\":403");
    }
}
