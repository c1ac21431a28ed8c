package dev.caravan.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;
import dev.caravan.testing.TestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/**
 * Activations. <b>diff</b>: a model of N rows (1,000,000), 1% of them changed since the last run;
 * the run (diff, then sending the changes in batches of 1,000) beside a plain full SELECT of the
 * model read by the same JDBC driver. <b>delivery</b>: rows sent to a local API, one per request
 * and 100 per request, beside a plain HTTP client sending the same bodies the same way.
 */
public final class ActivationBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) {
        BenchMain.run(ActivationBench::run, args);
    }

    private static void run(String[] args) throws Exception {
        long modelRows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int singleRows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int batchRows = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        String url = TestDatabase.createDatabase();
        try (SinkApi api = new SinkApi(); Connection db = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
            execute(db, "CREATE SCHEMA bench; CREATE TABLE bench.model AS SELECT id, 'Customer ' || id AS name, 'c' || id || '@example.com' AS email, "
                    + "(id % 10000) / 100.0 AS amount, id % 97 AS orders, id % 3 = 0 AS active, now() - id * interval '1 minute' AS updated_at "
                    + "FROM generate_series(1, " + modelRows + ") id; ALTER TABLE bench.model ADD PRIMARY KEY (id); ANALYZE bench.model");
            var config = TestConfig.write(Files.createTempDirectory("caravan-bench"), Map.of(
                    "connections/warehouse.yaml", TestConfig.warehouse(),
                    "connections/sink.yaml", "kind: connection\nid: sink\ntype: http\nbaseUrl: " + api.baseUrl() + "\n",
                    "syncs/diffed.yaml", activation("diffed", "select * from bench.model", "baseline", batch(1000)),
                    "syncs/single.yaml", activation("single", "select id, 'Customer ' || id as name, 'c' || id || '@example.com' as email "
                            + "from generate_series(1, " + singleRows + ") id", "all", "{ method: POST, path: /rows }"),
                    "syncs/batched.yaml", activation("batched", "select id, 'Customer ' || id as name, 'c' || id || '@example.com' as email "
                            + "from generate_series(1, " + batchRows + ") id", "all", batch(100))));
            try (RuntimeHarness runtime = RuntimeHarness.start(config, Map.of("caravan.db.url", url, "caravan.db.user", TestDatabase.user(),
                    "caravan.db.password", TestDatabase.password()))) {
                diff(runtime, db, api, modelRows);
                delivery(runtime, api, "single", singleRows, 1);
                delivery(runtime, api, "batched", batchRows, 100);
            }
        }
    }

    private static String activation(String id, String query, String initial, String insert) {
        return "kind: sync\nid: " + id + "\nsource: { connection: warehouse, query: \"" + query + "\", primaryKey: [id], initial: " + initial + " }\n"
                + "destination:\n  connection: sink\n  mode: upsert\n  concurrency: " + System.getProperty("concurrency", "4") + "\n  insert: " + insert + "\n  update: " + insert + "\n";
    }

    private static String batch(int size) {
        return "{ method: POST, path: /rows/batch, batch: { size: " + size + ", records: $.inputs } }";
    }

    private static void diff(RuntimeHarness runtime, Connection db, SinkApi api, long modelRows) throws Exception {
        runtime.runSync("diffed");
        long changed = modelRows / 100;
        execute(db, "UPDATE bench.model SET orders = orders + 1 WHERE id % 100 = 0");
        execute(db, "VACUUM ANALYZE bench.model");
        long before = api.rows();
        long start = System.nanoTime();
        runtime.runSync("diffed");
        double run = (System.nanoTime() - start) / 1e9;
        long sent = api.rows() - before;
        if (sent != changed) {
            throw new IllegalStateException("expected " + changed + " rows sent, the API got " + sent);
        }
        double select = plainSelect(db);
        Report.line("diff", String.format("%.2f s for %,d rows with %,d changed (all %,d sent, in batches of 1,000)", run, modelRows, changed, sent),
                String.format("SELECT * of the model %.2f s", select), run / select, "target <= 3x");
    }

    private static double plainSelect(Connection db) throws Exception {
        db.setAutoCommit(false);
        long start = System.nanoTime();
        long rows = 0;
        try (Statement s = db.createStatement()) {
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery("SELECT * FROM bench.model")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getString(i);
                    }
                    rows++;
                }
            }
        }
        db.commit();
        db.setAutoCommit(true);
        return rows > 0 ? (System.nanoTime() - start) / 1e9 : Double.NaN;
    }

    private static void delivery(RuntimeHarness runtime, SinkApi api, String sync, int rows, int perRequest) throws Exception {
        long before = api.rows();
        long start = System.nanoTime();
        runtime.runSync(sync);
        double caravan = rows / ((System.nanoTime() - start) / 1e9);
        if (api.rows() - before != rows) {
            throw new IllegalStateException("expected " + rows + " rows sent, the API got " + (api.rows() - before));
        }
        double plain = plainClient(api, rows, perRequest);
        String target = perRequest == 1 ? "target >= 1,000 rows/s" : "target >= 5,000 rows/s";
        Report.line("delivery " + (perRequest == 1 ? "1" : perRequest), String.format("%,.0f rows/s (%,d rows, %d per request)", caravan, rows, perRequest),
                String.format("plain HTTP client %,.0f rows/s", plain), caravan / plain, target);
    }

    /** The same bodies sent by a bare JDK client in a loop: no database, no diff, no bookkeeping. */
    private static double plainClient(SinkApi api, int rows, int perRequest) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long start = System.nanoTime();
        for (int first = 1; first <= rows; first += perRequest) {
            ArrayNode inputs = JSON.createArrayNode();
            for (int id = first; id < first + perRequest && id <= rows; id++) {
                inputs.addObject().put("id", id).put("name", "Customer " + id).put("email", "c" + id + "@example.com");
            }
            byte[] body = JSON.writeValueAsBytes(perRequest == 1 ? inputs.get(0) : JSON.createObjectNode().set("inputs", inputs));
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + (perRequest == 1 ? "/rows" : "/rows/batch")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("the sink answered " + response.statusCode());
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private static void execute(Connection db, String statements) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute(statements);
        }
    }
}
