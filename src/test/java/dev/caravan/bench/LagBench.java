package dev.caravan.bench;

import com.sun.net.httpserver.HttpServer;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lag: five collections on one connection, each receiving a new record every 200 ms, polled every
 * 2 s with an inclusive {@code updated_since} bound. A record's lag is the time from its creation
 * in the API to the commit that made it visible in PostgreSQL ({@code _caravan_synced_at}, the
 * writing transaction's start). Printed as p50/p99 beside the theoretical bound: the poll interval
 * plus the longest poll measured in the same run.
 * <p>
 * Then the same again with webhooks: the API posts a signed webhook for every change, which
 * starts a poll at once (debounced 100 ms), while the 2 s schedule goes on. Its p99 is printed
 * beside the polling-only p99 of the same run.
 */
public final class LagBench {
    private static final int COLLECTIONS = 5;
    private static final long INTERVAL_MILLIS = 2000;

    public static void main(String[] args) {
        BenchMain.run(LagBench::run, args);
    }

    private static final String WEBHOOK_SECRET = "lag-bench-webhook-secret";
    private static final HttpClient WEBHOOK_CLIENT = HttpClient.newHttpClient();

    private record Measured(List<Double> lags, double longestPoll) {
        double p50() {
            return lags.get(lags.size() / 2);
        }

        double p99() {
            return lags.get((int) Math.floor(lags.size() * 0.99) - 1);
        }
    }

    private static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Measured polling = measure(seconds, false);
        double bound = INTERVAL_MILLIS / 1000.0 + polling.longestPoll();
        Report.line("lag", String.format("p50 %.2f s, p99 %.2f s over %d changes", polling.p50(), polling.p99(), polling.lags().size()),
                String.format("bound %.2f s (interval %.1f s + longest poll %.2f s)", bound, INTERVAL_MILLIS / 1000.0, polling.longestPoll()),
                polling.p99() / bound, "target p99 <= 1.2 x bound + 0.5 s = " + String.format("%.2f s", 1.2 * bound + 0.5));
        Measured webhooks = measure(seconds, true);
        Report.line("lag with webhooks", String.format("p50 %.2f s, p99 %.2f s over %d changes", webhooks.p50(), webhooks.p99(), webhooks.lags().size()),
                String.format("polling only, same run: p99 %.2f s", polling.p99()), webhooks.p99() / polling.p99(),
                "webhooks should cut p99 lag well below the poll interval");
    }

    private static Measured measure(int seconds, boolean webhooks) throws Exception {
        Map<String, List<String[]>> collections = new HashMap<>();
        for (int i = 1; i <= COLLECTIONS; i++) {
            collections.put("c" + i, new CopyOnWriteArrayList<>());
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String collection = exchange.getRequestURI().getPath().substring(1);
            Map<String, String> query = new HashMap<>();
            String raw = exchange.getRequestURI().getQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            Instant since = query.containsKey("updated_since") ? Instant.parse(query.get("updated_since")) : Instant.EPOCH;
            StringBuilder body = new StringBuilder("{\"data\": [");
            boolean first = true;
            for (String[] record : collections.get(collection)) {
                if (!Instant.parse(record[1]).isBefore(since)) {
                    body.append(first ? "" : ",").append("{\"id\": ").append(record[0]).append(", \"updated_at\": \"").append(record[1]).append("\"}");
                    first = false;
                }
            }
            byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        Map<String, String> files = new HashMap<>();
        files.put("connections/warehouse.yaml", TestConfig.warehouse());
        files.put("connections/api.yaml", "kind: connection\nid: api\ntype: http\nbaseUrl: http://127.0.0.1:" + server.getAddress().getPort()
                + "\nrateLimit: { requests: 20, per: 1s }\n");
        for (String collection : collections.keySet()) {
            files.put("syncs/" + collection + ".yaml", "kind: sync\nid: " + collection + "\nsource: { connection: api, path: /" + collection
                    + ", records: $.data, primaryKey: [id], incremental: { cursorField: updated_at, param: updated_since, lookback: 1s } }\n"
                    + "destination: { connection: warehouse, table: lag." + collection + " }\nschedule: { every: " + INTERVAL_MILLIS + "ms }\n"
                    + (webhooks ? "webhook: { secret: \"${env:LAG_BENCH_SECRET:-" + WEBHOOK_SECRET + "}\", debounce: 100ms }\n" : ""));
        }
        AtomicLong ids = new AtomicLong();
        ScheduledExecutorService mutator = Executors.newSingleThreadScheduledExecutor();
        try (RuntimeHarness runtime = RuntimeHarness.startOnTestDatabase(TestConfig.write(Files.createTempDirectory("caravan-lag"), files), Map.of())) {
            Thread.sleep(3000);
            mutator.scheduleAtFixedRate(() -> collections.forEach((collection, records) -> {
                records.add(new String[] {Long.toString(ids.incrementAndGet()), Instant.now().toString()});
                if (webhooks) {
                    notify(runtime.api("/api/webhooks/syncs/" + collection));
                }
            }), 0, 200, TimeUnit.MILLISECONDS);
            Thread.sleep(seconds * 1000L);
            mutator.shutdown();
            Thread.sleep(INTERVAL_MILLIS * 2 + 1000);
            List<Double> lags = new ArrayList<>();
            for (String collection : collections.keySet()) {
                for (String lag : runtime.sql("SELECT extract(epoch FROM _caravan_synced_at - updated_at) FROM lag." + collection)) {
                    lags.add(Double.parseDouble(lag));
                }
            }
            double longestPoll = Double.parseDouble(runtime.sql("SELECT coalesce(max(extract(epoch FROM finished_at - started_at)), 0) "
                    + "FROM caravan.sync_runs WHERE status = 'succeeded'").get(0));
            lags.sort(Double::compare);
            if (lags.size() != ids.get()) {
                throw new IllegalStateException(ids.get() + " records created, " + lags.size() + " synced");
            }
            return new Measured(lags, longestPoll);
        } finally {
            server.stop(0);
        }
    }

    /** What an API's webhook sender does: posts the event, signed, and moves on. */
    private static void notify(String url) {
        try {
            byte[] body = "{\"event\": \"record.created\"}".getBytes(StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("X-Caravan-Signature", HexFormat.of().formatHex(mac.doFinal(body)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            WEBHOOK_CLIENT.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
