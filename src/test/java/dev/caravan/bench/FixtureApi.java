package dev.caravan.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A local HTTP API that generates records on the fly (no memory held): {@code GET /items?page=N&per_page=S}
 * returns {@code {"data": [...]}} with ten fields per record, {@code total} records in all.
 */
final class FixtureApi implements AutoCloseable {
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
            byte[] body = page(page, size).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String page(long page, int size) {
        long first = (page - 1) * size + 1;
        long last = Math.min(total, first + size - 1);
        StringBuilder out = new StringBuilder(size * 200).append("{\"data\": [");
        for (long id = first; id <= last; id++) {
            if (id > first) {
                out.append(',');
            }
            out.append(record(id));
        }
        return out.append("]}").toString();
    }

    static String record(long id) {
        return "{\"id\":" + id + ",\"name\":\"Customer " + id + "\",\"email\":\"c" + id + "@example.com\",\"amount\":" + (id % 10000) / 100.0
                + ",\"orders\":" + (id % 97) + ",\"active\":" + (id % 3 == 0) + ",\"created_at\":\"" + Instant.ofEpochSecond(1_700_000_000L + id)
                + "\",\"updated_at\":\"" + Instant.ofEpochSecond(1_710_000_000L + id) + "\",\"category\":\"cat-" + (id % 20)
                + "\",\"note\":\"note for " + id + "\"}";
    }

    /** The same record as a CSV line for COPY, columns in the order the sync creates them. */
    static String csv(long id) {
        return id + ",Customer " + id + ",c" + id + "@example.com," + (id % 10000) / 100.0 + "," + (id % 97) + "," + (id % 3 == 0) + ","
                + Instant.ofEpochSecond(1_700_000_000L + id) + "," + Instant.ofEpochSecond(1_710_000_000L + id) + ",cat-" + (id % 20)
                + ",note for " + id + "\n";
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
