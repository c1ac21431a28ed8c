package dev.caravan.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A local HTTP API that generates records on the fly (one page in memory at a time): {@code GET /items?page=N&per_page=S}
 * returns {@code {"data": [...]}} with ten fields per record, {@code total} records in all.
 */
final class FixtureApi implements AutoCloseable {
    private static final int TIMESTAMP_CHARS = 20;
    private final HttpServer server;
    private final long total;

    FixtureApi(long total) throws IOException {
        this.total = total;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/items", exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            long page = Long.parseLong(query.getOrDefault("page", "1"));
            int size = Integer.parseInt(query.getOrDefault("per_page", "1000"));
            // Built whole, then sent with its length: the JDK server's chunked encoding writes 4 KB
            // at a time, which costs more than building the page.
            StringBuilder out = new StringBuilder(size * 240);
            page(page, size, out);
            byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(body);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void page(long page, int size, StringBuilder out) {
        long first = (page - 1) * size + 1;
        long last = Math.min(total, first + size - 1);
        out.append("{\"data\": [");
        char[] time = new char[TIMESTAMP_CHARS];
        for (long id = first; id <= last; id++) {
            if (id > first) {
                out.append(',');
            }
            appendRecord(id, out, time);
        }
        out.append("]}");
    }

    /** {@link #record} appended piece by piece: the fixture should cost as little as possible beside what it serves. */
    static void appendRecord(long id, StringBuilder out, char[] time) {
        out.append("{\"id\":").append(id).append(",\"name\":\"Customer ").append(id).append("\",\"email\":\"c").append(id)
                .append("@example.com\",\"amount\":").append((id % 10000) / 100.0).append(",\"orders\":").append(id % 97)
                .append(",\"active\":").append(id % 3 == 0).append(",\"created_at\":\"").append(timestamp(1_700_000_000L + id, time))
                .append("\",\"updated_at\":\"").append(timestamp(1_710_000_000L + id, time)).append("\",\"category\":\"cat-").append(id % 20)
                .append("\",\"note\":\"note for ").append(id).append("\"}");
    }

    static String record(long id) {
        return "{\"id\":" + id + ",\"name\":\"Customer " + id + "\",\"email\":\"c" + id + "@example.com\",\"amount\":" + (id % 10000) / 100.0
                + ",\"orders\":" + (id % 97) + ",\"active\":" + (id % 3 == 0) + ",\"created_at\":\"" + timestamp(1_700_000_000L + id)
                + "\",\"updated_at\":\"" + timestamp(1_710_000_000L + id) + "\",\"category\":\"cat-" + (id % 20)
                + "\",\"note\":\"note for " + id + "\"}";
    }

    /** The same record as a CSV line for COPY, columns in the order the sync creates them. */
    static String csv(long id) {
        return id + ",Customer " + id + ",c" + id + "@example.com," + (id % 10000) / 100.0 + "," + (id % 97) + "," + (id % 3 == 0) + ","
                + timestamp(1_700_000_000L + id) + "," + timestamp(1_710_000_000L + id) + ",cat-" + (id % 20)
                + ",note for " + id + "\n";
    }

    /**
     * {@code Instant.ofEpochSecond(seconds).toString()} for whole seconds, without the formatter:
     * the fixture should cost as little as possible beside what it serves.
     */
    static String timestamp(long seconds) {
        return new String(timestamp(seconds, new char[TIMESTAMP_CHARS]));
    }

    /** Fills {@code out} with the timestamp and returns it. */
    private static char[] timestamp(long seconds, char[] out) {
        long days = Math.floorDiv(seconds, 86_400);
        int second = (int) Math.floorMod(seconds, 86_400);
        // civil-from-days (H. Hinnant), valid for the proleptic Gregorian calendar
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        out[4] = '-';
        out[7] = '-';
        out[10] = 'T';
        out[13] = ':';
        out[16] = ':';
        out[19] = 'Z';
        two(out, 0, (int) (year / 100));
        two(out, 2, (int) (year % 100));
        two(out, 5, (int) month);
        two(out, 8, (int) day);
        two(out, 11, second / 3600);
        two(out, 14, second / 60 % 60);
        two(out, 17, second % 60);
        return out;
    }

    private static void two(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
