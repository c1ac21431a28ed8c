package dev.caravan.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A paged source API for the reliability tests: {@code GET /items?page=N&per_page=S} returns
 * {@code {"data": [{"id": …, "name": "item-…"}]}}, {@code records} in all, counting the fetches of
 * each page. A {@link Responder} may answer instead (faults); by default every page is served.
 */
public final class ItemsApi implements AutoCloseable {
    private final HttpServer server;
    private final int records;
    private final Map<Integer, AtomicInteger> fetches = new ConcurrentHashMap<>();

    /** Answers one request given the page's body; the exchange is closed afterwards. */
    @FunctionalInterface
    public interface Responder {
        void answer(HttpExchange exchange, byte[] page) throws IOException;
    }

    public ItemsApi(int records, Responder responder) throws IOException {
        this.records = records;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/items", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getQuery();
                int page = Integer.parseInt(query.replaceAll("(?:^|.*&)page=(\\d+).*", "$1"));
                int size = Integer.parseInt(query.replaceAll("(?:^|.*&)per_page=(\\d+).*", "$1"));
                fetches.computeIfAbsent(page, p -> new AtomicInteger()).incrementAndGet();
                responder.answer(exchange, page(page, size).getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    public ItemsApi(int records) throws IOException {
        this(records, ItemsApi::serve);
    }

    /** The page as a 200 with its length. */
    public static void serve(HttpExchange exchange, byte[] page) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, page.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Page fetches in all, retries and refetches included. */
    public int fetched() {
        return fetches.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The md5 of every record as {@code id:name}, joined by commas in id order: compare with {@link #checksumSql}. */
    public String checksum() {
        StringBuilder all = new StringBuilder();
        for (int id = 1; id <= records; id++) {
            all.append(id == 1 ? "" : ",").append(id).append(":item-").append(id);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(all.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same checksum computed by PostgreSQL over {@code table}. */
    public static String checksumSql(String table) {
        return "SELECT md5(string_agg(id || ':' || name, ',' ORDER BY id)) FROM " + table;
    }

    private String page(int page, int size) {
        StringBuilder out = new StringBuilder("{\"data\": [");
        int first = (page - 1) * size + 1;
        for (int id = first; id < first + size && id <= records; id++) {
            out.append(id == first ? "" : ",").append("{\"id\": ").append(id).append(", \"name\": \"item-").append(id).append("\"}");
        }
        return out.append("]}").toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
