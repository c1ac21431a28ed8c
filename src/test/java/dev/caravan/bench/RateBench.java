package dev.caravan.bench;

import com.sun.net.httpserver.HttpServer;
import dev.caravan.demo.SlidingWindowLimit;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;
import dev.caravan.testing.TestDatabase;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rate adherence: an API that enforces 20 requests/s in a strict sliding window (429 beyond), a
 * connection configured with that quota and share 0.5, and a backfill of {@code seconds * 10}
 * one-record pages. Prints the achieved request rate and the 429s, beside the rate the same server
 * accepts from an unthrottled client in the same run.
 */
public final class RateBench {
    private static final int QUOTA = 20;

    public static void main(String[] args) {
        BenchMain.run(RateBench::run, args);
    }

    private static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int pages = seconds * QUOTA / 2;
        SlidingWindowLimit limit = new SlidingWindowLimit(QUOTA, 1000);
        List<Long> accepted = new CopyOnWriteArrayList<>();
        AtomicInteger rejected = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/items", exchange -> {
            long now = System.currentTimeMillis();
            boolean ok = limit.tryAcquire(now);
            String query = exchange.getRequestURI().getRawQuery();
            int page = Integer.parseInt(query.replaceAll("(^|.*&)page=(\\d+).*", "$2"));
            byte[] body = (ok ? "{\"data\": [" + (page <= pages ? "{\"id\": " + page + "}" : "") + "]}" : "{\"error\": \"rate limited\"}")
                    .getBytes(StandardCharsets.UTF_8);
            if (ok) {
                accepted.add(now);
            } else {
                rejected.incrementAndGet();
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(ok ? 200 : 429, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            double serverRate = unthrottledAcceptedRate(base, accepted);
            accepted.clear();
            rejected.set(0);
            Thread.sleep(1100);
            var config = TestConfig.write(Files.createTempDirectory("caravan-rate"), Map.of(
                    "connections/warehouse.yaml", TestConfig.warehouse(),
                    "connections/quota.yaml", "kind: connection\nid: quota\ntype: http\nbaseUrl: " + base + "\n"
                            + "rateLimit: { requests: " + QUOTA + ", per: 1s, share: 0.5 }\n",
                    "syncs/items.yaml", "kind: sync\nid: items\nsource: { connection: quota, path: /items, records: $.data, primaryKey: [id], "
                            + "pagination: { type: page, sizeParam: per_page, size: 1 } }\ndestination: { connection: warehouse, table: bench.rated }\n"));
            try (RuntimeHarness runtime = RuntimeHarness.startOnTestDatabase(config, Map.of())) {
                runtime.runSync("items");
            }
            double achieved = (accepted.size() - 1) * 1000.0 / (accepted.get(accepted.size() - 1) - accepted.get(0));
            Report.line("rate adherence", String.format("%.2f req/s over %d requests, %d x 429", achieved, accepted.size(), rejected.get()),
                    String.format("server accepts %.2f req/s unthrottled", serverRate), achieved / serverRate,
                    "target [9.5, 10.0] req/s and zero 429s");
        } finally {
            server.stop(0);
        }
    }

    /** Hammers the server for three seconds and returns the rate it accepted. */
    private static double unthrottledAcceptedRate(String base, List<Long> accepted) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long end = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < end) {
            client.send(HttpRequest.newBuilder(URI.create(base + "/items?page=1")).build(), HttpResponse.BodyHandlers.discarding());
        }
        return (accepted.size() - 1) * 1000.0 / (accepted.get(accepted.size() - 1) - accepted.get(0));
    }
}
