package dev.caravan.reliability;

import com.sun.net.httpserver.HttpServer;
import dev.caravan.testing.CaravanProcess;
import dev.caravan.testing.FreePort;
import dev.caravan.testing.Http;
import dev.caravan.testing.ItemsApi;
import dev.caravan.testing.TestConfig;
import dev.caravan.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import javax.sql.DataSource;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 during a backfill. The packaged runtime backfills 200,000 records (200 pages) and is
 * killed with SIGKILL at random moments, then started again, until the backfill completes. The
 * table must then equal the source exactly (count and checksum), and each crash may cost at most
 * one page fetched twice.
 */
class CrashIT {
    static final int RECORDS = Integer.getInteger("caravan.crash.records", 200_000);
    static final int PAGE = 1000;
    static final int KILLS = Integer.getInteger("caravan.crash.kills", 4);

    @Test
    void killedAtRandomTheBackfillEndsExactlyEqualToTheSource(@TempDir Path configDirectory) throws Exception {
        ItemsApi source = new ItemsApi(RECORDS);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/warehouse.yaml", TestConfig.warehouse());
        // 20 pages a second: the backfill takes about ten seconds, long enough to be killed in.
        files.put("connections/api.yaml", "kind: connection\nid: api\ntype: http\nbaseUrl: " + source.baseUrl()
                + "\nrateLimit: { requests: 20, per: 1s }\n");
        files.put("syncs/items.yaml", "kind: sync\nid: items\nsource: { connection: api, path: /items, records: $.data, primaryKey: [id], "
                + "pagination: { type: page, pageParam: page, sizeParam: per_page, size: " + PAGE + " } }\n"
                + "destination: { connection: warehouse, table: crash.items }\n");
        TestConfig.write(configDirectory, files);
        String url = TestDatabase.createDatabase();
        DataSource database = TestDatabase.dataSource(url);
        int port = FreePort.find();
        Map<String, String> environment = CaravanProcess.environment(url, port);
        Random random = new Random(Long.getLong("caravan.crash.seed", System.nanoTime()));
        int kills = 0;
        try {
            while (!backfilled(database)) {
                try (CaravanProcess runtime = CaravanProcess.start(environment, "run", "--config", configDirectory.toString())) {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                            .untilAsserted(() -> assertThat(Http.get("http://127.0.0.1:" + port + "/api/health").statusCode()).isEqualTo(200));
                    assertThat(Http.send("POST", "http://127.0.0.1:" + port + "/api/syncs/items/runs", "").statusCode()).isEqualTo(202);
                    if (kills < KILLS) {
                        Thread.sleep(500 + random.nextInt(3000));
                        kills++;
                        // try-with-resources closes with SIGKILL
                    } else {
                        await().atMost(Duration.ofMinutes(3)).until(() -> backfilled(database));
                        // the killed runtimes' runs are marked interrupted once their heartbeats are 15 s old
                        await().atMost(Duration.ofSeconds(40)).until(() -> query(database,
                                "SELECT count(*) FROM caravan.sync_runs WHERE status IN ('queued', 'running')").equals(List.of("0")));
                        runtime.terminate(Duration.ofSeconds(60));
                    }
                }
            }
        } finally {
            source.close();
        }

        assertThat(kills).isEqualTo(KILLS);
        assertThat(query(database, "SELECT count(*), count(DISTINCT id) FROM crash.items")).containsExactly(RECORDS + "," + RECORDS);
        assertThat(query(database, ItemsApi.checksumSql("crash.items"))).containsExactly(source.checksum());
        int pages = RECORDS / PAGE;
        int fetched = source.fetched();
        System.out.printf("CrashIT: %d kills (SIGKILL), %d rows verified (count and md5), %d pages fetched for %d, 0 rows lost%n",
                kills, RECORDS, fetched, pages);
        assertThat(fetched).as("pages fetched, with " + kills + " kills").isBetween(pages, pages + kills);
        assertThat(query(database, "SELECT count(*) FROM caravan.sync_runs WHERE status IN ('queued', 'running')")).containsExactly("0");
    }

    @Test
    void killedMidDeliveryAnActivationLosesNoRowAndResendsOnlyRowsInFlight(@TempDir Path configDirectory) throws Exception {
        int rows = 3000;
        Map<Integer, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        HttpServer destination = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        destination.setExecutor(Executors.newFixedThreadPool(8));
        destination.createContext("/rows", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int id = Integer.parseInt(body.replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1"));
            deliveries.computeIfAbsent(id, i -> new AtomicInteger()).incrementAndGet();
            byte[] ok = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        destination.start();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/warehouse.yaml", TestConfig.warehouse());
        // 500 rows a second: the delivery takes about six seconds, long enough to be killed in.
        files.put("connections/sink.yaml", "kind: connection\nid: sink\ntype: http\nbaseUrl: http://127.0.0.1:" + destination.getAddress().getPort()
                + "\nrateLimit: { requests: 500, per: 1s }\n");
        files.put("syncs/rows.yaml", "kind: sync\nid: rows\nsource: { connection: warehouse, query: \"select id, name from model.rows\", primaryKey: [id] }\n"
                + "destination:\n  connection: sink\n  concurrency: 4\n  insert: { method: POST, path: /rows }\n  update: { method: POST, path: /rows }\n");
        TestConfig.write(configDirectory, files);
        String url = TestDatabase.createDatabase();
        DataSource database = TestDatabase.dataSource(url);
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA model; CREATE TABLE model.rows (id int PRIMARY KEY, name text); "
                    + "INSERT INTO model.rows SELECT i, 'row ' || i FROM generate_series(1, " + rows + ") i");
        }
        int port = FreePort.find();
        Map<String, String> environment = CaravanProcess.environment(url, port);
        Random random = new Random(Long.getLong("caravan.crash.seed", System.nanoTime()));
        int kills = 0;
        try {
            while (confirmed(database) < rows) {
                try (CaravanProcess runtime = CaravanProcess.start(environment, "run", "--config", configDirectory.toString())) {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                            .untilAsserted(() -> assertThat(Http.get("http://127.0.0.1:" + port + "/api/health").statusCode()).isEqualTo(200));
                    assertThat(Http.send("POST", "http://127.0.0.1:" + port + "/api/syncs/rows/runs", "").statusCode()).isEqualTo(202);
                    if (kills < 3) {
                        Thread.sleep(1000 + random.nextInt(3000));
                        kills++;
                    } else {
                        await().atMost(Duration.ofMinutes(2)).until(() -> confirmed(database) == rows);
                        runtime.terminate(Duration.ofSeconds(60));
                    }
                }
            }
        } finally {
            destination.stop(0);
        }
        long resent = deliveries.values().stream().filter(n -> n.get() > 1).count();
        System.out.printf("CrashIT: activation, %d kills (SIGKILL), %d rows delivered, %d sent twice (in flight at a kill), 0 lost%n",
                kills, deliveries.size(), resent);
        assertThat(deliveries).as("every row reached the destination").hasSize(rows);
        assertThat(resent).as("only rows in flight at a kill (at most 4 at a time) are sent again").isLessThanOrEqualTo(kills * 4L);
    }

    private static long confirmed(DataSource database) throws Exception {
        List<String> count = query(database, "SELECT CASE WHEN to_regclass('caravan.activation_snapshots') IS NULL THEN 0 ELSE 1 END");
        return count.equals(List.of("0")) ? 0 : Long.parseLong(query(database, "SELECT count(*) FROM caravan.activation_snapshots WHERE sync_id = 'rows'").get(0));
    }

    private static boolean backfilled(DataSource database) throws Exception {
        return query(database, "SELECT count(*) FROM caravan.sync_state WHERE sync_id = 'items' AND backfill_completed").equals(List.of("1"));
    }

    private static List<String> query(DataSource database, String sql) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            if (sql.contains("caravan.sync_state")) {
                try (ResultSet exists = s.executeQuery("SELECT to_regclass('caravan.sync_state') IS NOT NULL")) {
                    exists.next();
                    if (!exists.getBoolean(1)) {
                        return List.of("0");
                    }
                }
            }
            try (ResultSet rs = s.executeQuery(sql)) {
                java.util.ArrayList<String> rows = new java.util.ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i > 1 ? "," : "").append(rs.getString(i));
                    }
                    rows.add(row.toString());
                }
                return rows;
            }
        }
    }
}
