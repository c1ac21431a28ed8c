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
 * of the same shape (primary key included), measured in the same run.
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
            double caravan = caravan(api, url, pageSize, records);
            double copy = copy(url, records);
            Report.line("ingest", String.format("%,.0f records/s (%,d records, pages of %,d)", caravan, records, pageSize),
                    String.format("COPY FROM STDIN %,.0f records/s", copy), caravan / copy, "target >= 100,000 records/s and >= 0.5x COPY");
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

    private static double copy(String url, long records) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench.copied (LIKE bench.items INCLUDING ALL)");
            }
            long start = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY bench.copied (id, name, email, amount, orders, active, created_at, updated_at, category, note) FROM STDIN (FORMAT csv)",
                    new GeneratedCsv(records));
            return records / ((System.nanoTime() - start) / 1e9);
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
