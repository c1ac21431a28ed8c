package dev.caravan.bench;

import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;
import dev.caravan.testing.TestDatabase;
import org.postgresql.PGConnection;

import java.io.Reader;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

/**
 * Ingest speed: N records (ten fields) from a local HTTP fixture, no rate limit, through a real
 * API sync into PostgreSQL, beside PostgreSQL's own COPY FROM STDIN of the same rows into a table
 * of the same shape (primary key included), measured in the same run, before and after the sync.
 */
public final class IngestBench {
    public static void main(String[] args) {
        BenchMain.run(IngestBench::run, args);
    }

    private static void run(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        String url = TestDatabase.createDatabase();
        try (FixtureApi api = new FixtureApi(records)) {
            // COPY runs before and after the sync, each from a checkpoint, and the sync is compared
            // with their mean: on a shared machine the database's speed drifts during a run.
            double copyBefore = copy(url, records, "copied_before");
            double caravan = caravan(api, url, pageSize, records);
            double copyAfter = copy(url, records, "copied_after");
            double copy = (copyBefore + copyAfter) / 2;
            Report.line("ingest", String.format("%,.0f records/s (%,d records, pages of %,d)", caravan, records, pageSize),
                    String.format("COPY FROM STDIN %,.0f records/s (%,.0f before, %,.0f after)", copy, copyBefore, copyAfter), caravan / copy,
                    "target >= 100,000 records/s and >= 0.5x COPY");
        }
    }

    private static double caravan(FixtureApi api, String url, int pageSize, long records) throws Exception {
        var config = TestConfig.write(Files.createTempDirectory("caravan-bench"), Map.of(
                "connections/warehouse.yaml", TestConfig.warehouse(),
                "connections/fixture.yaml", "kind: connection\nid: fixture\ntype: http\nbaseUrl: " + api.baseUrl() + "\n",
                "syncs/items.yaml", "kind: sync\nid: items\nsource: { connection: fixture, path: /items, records: $.data, primaryKey: [id], "
                        + "pagination: { type: page, sizeParam: per_page, size: " + pageSize + " } }\n"
                        + "destination: { connection: warehouse, table: bench.items }\n"));
        try (RuntimeHarness runtime = RuntimeHarness.start(config, Map.of("caravan.db.url", url, "caravan.db.user", TestDatabase.user(),
                "caravan.db.password", TestDatabase.password()))) {
            checkpoint(url);
            long start = System.nanoTime();
            runtime.runSync("items");
            double seconds = (System.nanoTime() - start) / 1e9;
            String count = runtime.sql("SELECT count(*) FROM bench.items").get(0);
            if (Long.parseLong(count) != records) {
                throw new IllegalStateException("expected " + records + " rows, found " + count);
            }
            return records / seconds;
        }
    }

    /** COPY of the same rows into a table of the sync's shape (the sync's own, when it has not run yet). */
    private static double copy(String url, long records, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS bench");
                s.execute("CREATE TABLE bench." + table + " (id bigint NOT NULL PRIMARY KEY, name text, email text, amount numeric, orders bigint, "
                        + "active boolean, created_at timestamptz, updated_at timestamptz, category text, note text, "
                        + "_caravan_synced_at timestamptz NOT NULL DEFAULT now(), _caravan_deleted_at timestamptz)");
                s.execute("CHECKPOINT");
            }
            long start = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY bench." + table + " (id, name, email, amount, orders, active, created_at, updated_at, category, note) FROM STDIN (FORMAT csv)",
                    new GeneratedCsv(records));
            double rate = records / ((System.nanoTime() - start) / 1e9);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench." + table);
            }
            return rate;
        }
    }

    private static void checkpoint(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password()); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    /** Streams the fixture's rows as CSV without holding them in memory. */
    private static final class GeneratedCsv extends Reader {
        private final long total;
        private long next = 1;
        private String line = "";
        private int offset;

        GeneratedCsv(long total) {
            this.total = total;
        }

        @Override
        public int read(char[] buffer, int off, int len) {
            int written = 0;
            while (written < len) {
                if (offset == line.length()) {
                    if (next > total) {
                        return written == 0 ? -1 : written;
                    }
                    line = FixtureApi.csv(next++);
                    offset = 0;
                }
                int n = Math.min(len - written, line.length() - offset);
                line.getChars(offset, offset + n, buffer, off + written);
                offset += n;
                written += n;
            }
            return written;
        }

        @Override
        public void close() {
        }
    }
}
