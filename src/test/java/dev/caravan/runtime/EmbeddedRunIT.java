package dev.caravan.runtime;

import dev.caravan.testing.CaravanProcess;
import dev.caravan.testing.FreePort;
import dev.caravan.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The quickstart path: {@code caravan run} on the default config/ with no database URL starts an
 * embedded PostgreSQL on a persistent folder, serves health within 30 s, backfills the demo CRM
 * into it, stops cleanly on SIGTERM, and a second start finds the data of the first.
 */
class EmbeddedRunIT {

    @Test
    void runsOnEmbeddedPostgresAndKeepsDataAcrossRestarts(@TempDir Path dataDir) throws Exception {
        int dbPort = FreePort.find();
        int apiPort = FreePort.find();
        Map<String, String> environment = Map.of(
                "CARAVAN_DB_EMBEDDED_DATA_DIR", dataDir.resolve("postgres").toString(),
                "CARAVAN_DB_EMBEDDED_PORT", Integer.toString(dbPort),
                "CAMEL_SERVER_PORT", Integer.toString(apiPort),
                "CAMEL_MANAGEMENT_PORT", Integer.toString(FreePort.find()),
                "DEMO_CRM_URL", "http://localhost:" + apiPort + "/demo");
        String jdbc = "jdbc:postgresql://localhost:" + dbPort + "/postgres";

        try (CaravanProcess first = CaravanProcess.start(environment, "run")) {
            awaitHealthUp(apiPort, first);
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement s = c.createStatement()) {
                s.execute("INSERT INTO caravan.sync_state (sync_id, cursor_value) VALUES ('restart-probe', '2026-01-01T00:00:00Z')");
            }
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM caravan.sync_state WHERE phase = 'incremental' AND sync_id LIKE 'crm-%'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("the three demo syncs finished their backfill").isEqualTo(3);
                }
            });
            // the quickstart's sequence runs at start: the syncs in order, and the activation that pushes
            // account tiers back to the demo CRM, in batches, once the accounts are in
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
                try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT r.status, (SELECT max(rows_delivered) FROM caravan.sync_runs "
                             + "WHERE sequence_run_id = r.run_id AND sync_id = 'account-segments') FROM caravan.sequence_runs r "
                             + "WHERE sequence_id = 'crm-hierarchy' AND status NOT IN ('queued', 'running') ORDER BY run_id LIMIT 1")) {
                    assertThat(rs.next()).as("a finished run of the crm-hierarchy sequence").isTrue();
                    assertThat(rs.getString(1)).isEqualTo("succeeded");
                    assertThat(rs.getLong(2)).as("account tiers delivered to the demo CRM").isGreaterThanOrEqualTo(150);
                }
            });
            assertThat(first.terminate(Duration.ofSeconds(60))).isIn(0, 130, 143);
            assertThat(first.output()).contains("with new data in").contains("Embedded PostgreSQL stopped");
        }

        try (CaravanProcess second = CaravanProcess.start(environment, "run")) {
            awaitHealthUp(apiPort, second);
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT cursor_value FROM caravan.sync_state WHERE sync_id = 'restart-probe'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("2026-01-01T00:00:00Z");
            }
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM crm.contacts")) {
                rs.next();
                assertThat(rs.getInt(1)).as("contacts kept across the restart").isGreaterThanOrEqualTo(1600);
            }
            assertThat(second.output()).contains("with existing data in").contains("0 migration(s) applied now");
            second.terminate(Duration.ofSeconds(60));
        }
    }

    private static void awaitHealthUp(int apiPort, CaravanProcess process) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> {
                    HttpResponse<String> health = Http.get("http://127.0.0.1:" + apiPort + "/api/health");
                    assertThat(health.statusCode()).as(process::output).isEqualTo(200);
                    assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"database\"");
                });
    }
}
