package dev.caravan.state;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.caravan.testing.BaseConfig;
import dev.caravan.testing.Http;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code caravan.db.url} set (CARAVAN_DB_URL), the runtime uses that PostgreSQL: the
 * migrations create schema caravan with Quartz's tables, and a restart applies nothing twice.
 */
class ExternalDatabaseIT {
    @Test
    void migrationsAreIdempotentAcrossRestarts(@TempDir Path dir) throws Exception {
        WireMockServer crm = new WireMockServer(options().dynamicPort());
        crm.start();
        crm.stubFor(get(anyUrl()).willReturn(okJson("{\"data\": []}")));
        Path config = BaseConfig.copy(dir, crm.baseUrl());
        String url = TestDatabase.createDatabase();
        Map<String, String> settings = Map.of("caravan.db.url", url, "caravan.db.user", TestDatabase.user(),
                "caravan.db.password", TestDatabase.password());

        try (RuntimeHarness first = RuntimeHarness.start(config, settings)) {
            assertThat(Http.get(first.api("/api/health")).statusCode()).isEqualTo(200);
        }
        List<String> afterFirst = appliedMigrations(url);
        try (RuntimeHarness second = RuntimeHarness.start(config, settings)) {
            assertThat(Http.get(second.api("/api/health")).statusCode()).isEqualTo(200);
        }

        assertThat(afterFirst).containsExactly("1:state tables:true", "2:Quartz tables:true", "3:sync progress:true", "4:key scans:true", "5:backfill total:true", "6:activations:true", "7:sequences:true", "8:sync switches:true", "9:cluster:true", "10:unfinished runs:true", "11:config reloads:true", "12:reconciliation:true");
        crm.stop();
        assertThat(appliedMigrations(url)).isEqualTo(afterFirst);
        assertThat(tables(url)).contains("sync_runs", "sync_state", "sequence_runs", "sequence_steps", "sequence_settings", "alert_states", "qrtz_triggers", "qrtz_cron_triggers", "qrtz_locks");
    }

    private static List<String> appliedMigrations(String url) throws Exception {
        return query(url, "SELECT version || ':' || description || ':' || success FROM caravan.flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank");
    }

    private static List<String> tables(String url) throws Exception {
        return query(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'caravan'");
    }

    private static List<String> query(String url, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
