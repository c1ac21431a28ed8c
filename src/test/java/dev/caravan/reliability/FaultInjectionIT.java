package dev.caravan.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SyncRun;
import dev.caravan.testing.ItemsApi;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An API that misbehaves on purpose: 20% server errors, bursts of 429 with Retry-After, answers
 * slower than the timeout, bodies cut off midway, invalid JSON and reset connections. The backfill
 * is run again after each failed run until it completes; it must then equal the source exactly,
 * every failed run must say why, and the saved position never passes data that was not committed.
 */
class FaultInjectionIT {
    private static final int RECORDS = 20_000;
    private static final int PAGE = 500;

    enum Fault { SERVER_ERROR, THROTTLED, SLOW, TRUNCATED, INVALID_JSON, RESET }

    @Test
    void aFaultyApiEitherYieldsExactDataOrAClearError(@TempDir Path configDirectory) throws Exception {
        Random random = new Random(Long.getLong("caravan.faults.seed", 42L));
        Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();
        AtomicInteger throttleBurst = new AtomicInteger();
        ItemsApi source = new ItemsApi(RECORDS, (exchange, page) -> {
            Fault fault = choose(random, throttleBurst);
            if (fault != null) {
                injected.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
            }
            answer(exchange, fault, page);
        });
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/warehouse.yaml", TestConfig.warehouse());
        files.put("connections/api.yaml", "kind: connection\nid: api\ntype: http\nbaseUrl: " + source.baseUrl()
                + "\ntimeouts: { connect: 1s, read: 1s }\n");
        files.put("syncs/items.yaml", "kind: sync\nid: items\nsource: { connection: api, path: /items, records: $.data, primaryKey: [id], "
                + "pagination: { type: page, pageParam: page, sizeParam: per_page, size: " + PAGE + " } }\n"
                + "destination: { connection: warehouse, table: faults.items }\n");
        int runs = 0;
        int failedRuns = 0;
        try (RuntimeHarness runtime = RuntimeHarness.startOnTestDatabase(TestConfig.write(configDirectory, files), Map.of())) {
            while (!runtime.sql("SELECT count(*) FROM caravan.sync_state WHERE sync_id = 'items' AND backfill_completed").equals(java.util.List.of("1"))) {
                assertThat(runs++).as("runs until the backfill completes").isLessThan(40);
                long committedBefore = committed(runtime);
                Throwable failure = catchThrowable(() -> runtime.runSync("items"));
                SyncRun run = runtime.lastRun("items");
                if (failure != null) {
                    failedRuns++;
                    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
                    assertThat(run.errorMessage()).as("a failed run says why").containsAnyOf("invalid JSON", "gave up after", "still answered");
                }
                long position = Long.parseLong(runtime.sql("SELECT coalesce(backfill_records, 0) FROM caravan.sync_state WHERE sync_id = 'items'")
                        .stream().findFirst().orElse("0"));
                assertThat(position).as("the saved position never passes committed rows").isLessThanOrEqualTo(committed(runtime));
                assertThat(committed(runtime)).isGreaterThanOrEqualTo(committedBefore);
            }
            assertThat(runtime.sql("SELECT count(*) || ',' || count(DISTINCT id) FROM faults.items")).containsExactly(RECORDS + "," + RECORDS);
            assertThat(runtime.sql(ItemsApi.checksumSql("faults.items"))).containsExactly(source.checksum());
        } finally {
            source.close();
        }
        int faults = injected.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("FaultInjectionIT: %d faults injected %s over %d runs (%d failed clearly), %d rows verified, 0 lost%n",
                faults, injected, runs, failedRuns, RECORDS);
        assertThat(injected.keySet()).as("every kind of fault was injected").containsExactlyInAnyOrder(Fault.values());
    }

    @Test
    void aFaultyDestinationGetsEveryRowConfirmedOnceOverRuns(@TempDir Path configDirectory) throws Exception {
        Random random = new Random(Long.getLong("caravan.faults.seed", 7L));
        Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> confirmed = new ConcurrentHashMap<>();
        AtomicInteger throttleBurst = new AtomicInteger();
        HttpServer destination = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        destination.setExecutor(Executors.newFixedThreadPool(8));
        destination.createContext("/rows", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int id = Integer.parseInt(body.replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1"));
            Fault fault = choose(random, throttleBurst);
            if (fault == Fault.INVALID_JSON || fault == Fault.TRUNCATED) {
                fault = Fault.SERVER_ERROR; // an activation does not read success bodies
            }
            if (fault != null) {
                injected.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
            } else {
                confirmed.computeIfAbsent(id, i -> new AtomicInteger()).incrementAndGet();
            }
            answer(exchange, fault == Fault.SLOW ? Fault.RESET : fault, "{\"ok\": true}".getBytes(StandardCharsets.UTF_8));
        });
        destination.start();
        int rows = 150;
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/warehouse.yaml", TestConfig.warehouse());
        files.put("connections/sink.yaml", "kind: connection\nid: sink\ntype: http\nbaseUrl: http://127.0.0.1:" + destination.getAddress().getPort()
                + "\ntimeouts: { connect: 1s, read: 1s }\n");
        files.put("syncs/rows.yaml", "kind: sync\nid: rows\nsource: { connection: warehouse, query: \"select id, name from model.rows\", primaryKey: [id] }\n"
                + "destination:\n  connection: sink\n  insert: { method: POST, path: /rows }\n  update: { method: POST, path: /rows }\n");
        int runs = 0;
        try (RuntimeHarness runtime = RuntimeHarness.startOnTestDatabase(TestConfig.write(configDirectory, files), Map.of())) {
            runtime.execute("CREATE SCHEMA model; CREATE TABLE model.rows (id int PRIMARY KEY, name text); "
                    + "INSERT INTO model.rows SELECT i, 'row ' || i FROM generate_series(1, " + rows + ") i");
            long pending;
            do {
                assertThat(runs++).as("runs until every row is confirmed").isLessThan(20);
                catchThrowable(() -> runtime.runSync("rows"));
                pending = rows - Long.parseLong(runtime.sql("SELECT count(*) FROM caravan.activation_snapshots WHERE sync_id = 'rows'").get(0));
            } while (pending > 0);
            runtime.runSync("rows");
            assertThat(runtime.lastRun("rows").rows().delivered()).as("nothing left to send").isZero();
        } finally {
            destination.stop(0);
        }
        long twice = confirmed.values().stream().filter(count -> count.get() > 1).count();
        System.out.printf("FaultInjectionIT: destination, %d faults injected %s over %d runs, %d rows confirmed, %d of them twice%n",
                injected.values().stream().mapToInt(AtomicInteger::get).sum(), injected, runs, confirmed.size(), twice);
        assertThat(confirmed).as("every row confirmed").hasSize(rows);
        // A run that fails (six resets in a row on one request) lets its rows in flight settle first.
        assertThat(twice).as("confirmed rows sent again").isZero();
    }

    private static long committed(RuntimeHarness runtime) {
        if (runtime.sql("SELECT to_regclass('faults.items') IS NULL").equals(java.util.List.of("t"))) {
            return 0;
        }
        return Long.parseLong(runtime.sql("SELECT count(*) FROM faults.items").get(0));
    }

    private static Fault choose(Random random, AtomicInteger throttleBurst) {
        synchronized (random) {
            if (throttleBurst.get() > 0) {
                throttleBurst.decrementAndGet();
                return Fault.THROTTLED;
            }
            int roll = random.nextInt(100);
            if (roll < 20) {
                return Fault.SERVER_ERROR;
            }
            if (roll < 24) {
                throttleBurst.set(2);
                return Fault.THROTTLED;
            }
            if (roll < 28) {
                return Fault.SLOW;
            }
            if (roll < 32) {
                return Fault.TRUNCATED;
            }
            if (roll < 34) {
                return Fault.INVALID_JSON;
            }
            return roll < 37 ? Fault.RESET : null;
        }
    }

    private static void answer(HttpExchange exchange, Fault fault, byte[] body) throws IOException {
        try (exchange) {
            if (fault == Fault.RESET) {
                return; // closed with no answer at all
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            switch (fault == null ? "ok" : fault.name()) {
                case "SERVER_ERROR" -> exchange.sendResponseHeaders(503, -1);
                case "THROTTLED" -> {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    exchange.sendResponseHeaders(429, -1);
                }
                case "INVALID_JSON" -> {
                    byte[] broken = "{\"data\": [{\"id\": 1,, }".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, broken.length);
                    exchange.getResponseBody().write(broken);
                }
                case "TRUNCATED" -> {
                    exchange.sendResponseHeaders(200, body.length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    throw new IOException("cut off on purpose"); // the server drops the connection mid-body
                }
                default -> {
                    if (fault == Fault.SLOW) {
                        sleep(1500);
                    }
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
