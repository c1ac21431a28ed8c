package dev.caravan.reliability;

import dev.caravan.state.RunStatus;
import dev.caravan.testing.FreePort;
import dev.caravan.testing.Http;
import dev.caravan.testing.ItemsApi;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The state database restarts in the middle of a backfill. The run in progress ends failed (and
 * says so in run history once the database is back), the pool reconnects by itself, the next run
 * completes the backfill, and the table equals the source.
 */
class DatabaseRestartIT {
    private static final int RECORDS = 30_000;
    private static final int PAGE = 500;

    @Test
    void aRunCutByADatabaseRestartFailsCleanlyAndTheNextRunCompletes(@TempDir Path work) throws Exception {
        ItemsApi source = new ItemsApi(RECORDS);
        int port = FreePort.find();
        Path data = work.resolve("pg");
        EmbeddedPostgres postgres = start(data, port);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/warehouse.yaml", TestConfig.warehouse());
        // 10 pages a second: the 60-page backfill takes about six seconds.
        files.put("connections/api.yaml", "kind: connection\nid: api\ntype: http\nbaseUrl: " + source.baseUrl()
                + "\nrateLimit: { requests: 10, per: 1s }\n");
        files.put("syncs/items.yaml", "kind: sync\nid: items\nsource: { connection: api, path: /items, records: $.data, primaryKey: [id], "
                + "pagination: { type: page, pageParam: page, sizeParam: per_page, size: " + PAGE + " } }\n"
                + "destination: { connection: warehouse, table: restart.items }\n");
        Map<String, String> database = Map.of("caravan.db.url", postgres.getJdbcUrl("postgres", "postgres"), "caravan.db.user", "postgres",
                "caravan.db.password", "postgres");
        try (RuntimeHarness runtime = RuntimeHarness.start(TestConfig.write(work.resolve("config"), files), database)) {
            assertThat(Http.send("POST", runtime.api("/api/syncs/items/runs"), "").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> count(runtime, "SELECT count(*) FROM caravan.sync_state WHERE backfill_pages >= 10") == 1);

            postgres.close();
            Thread.sleep(3000);
            postgres = start(data, port);

            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> !runtime.lastRun("items").status().equals(RunStatus.RUNNING));
            assertThat(runtime.lastRun("items").status()).isEqualTo(RunStatus.FAILED);
            assertThat(runtime.lastRun("items").errorMessage()).isNotBlank();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(Http.get(runtime.api("/api/health")).statusCode()).isEqualTo(200));

            runtime.runSync("items");

            assertThat(runtime.lastRun("items").status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(runtime.sql("SELECT count(*) || ',' || count(DISTINCT id) || ',' || sum(id) FROM restart.items"))
                    .containsExactly(RECORDS + "," + RECORDS + "," + ((long) RECORDS * (RECORDS + 1) / 2));
            assertThat(runtime.sql("SELECT count(*) FROM caravan.sync_runs WHERE status IN ('queued', 'running')")).containsExactly("0");
        } finally {
            postgres.close();
            source.close();
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static long count(RuntimeHarness runtime, String sql) {
        List<String> rows = runtime.sql(sql);
        return Long.parseLong(rows.get(0));
    }
}
