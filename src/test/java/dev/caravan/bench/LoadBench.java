package dev.caravan.bench;

import dev.caravan.testing.Http;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load: 200 syncs and 50 sequences (four steps each) configured, and 20 sequence triggers a second
 * through the HTTP API for {@code seconds}. Every accepted run must end up in run history, none
 * lost. Prints the p99 latency of the trigger calls beside that of {@code GET /api/info} (a call
 * that touches no database) measured in the same run.
 */
public final class LoadBench {
    private static final int SYNCS = 200;
    private static final int SEQUENCES = 50;
    private static final int PER_SECOND = 20;

    public static void main(String[] args) {
        BenchMain.run(LoadBench::run, args);
    }

    private static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Map<String, String> files = new HashMap<>();
        files.put("connections/warehouse.yaml", TestConfig.warehouse());
        files.put("connections/sink.yaml", "kind: connection\nid: sink\ntype: http\nbaseUrl: http://127.0.0.1:9\n");
        for (int i = 1; i <= SYNCS; i++) {
            files.put("syncs/s" + i + ".yaml", "kind: sync\nid: s" + i + "\nsource: { connection: warehouse, query: \"select 1 as id where false\", "
                    + "primaryKey: [id] }\ndestination:\n  connection: sink\n  insert: { method: POST, path: /rows }\n  update: { method: POST, path: /rows }\n");
        }
        for (int q = 1; q <= SEQUENCES; q++) {
            StringBuilder steps = new StringBuilder();
            for (int step = 0; step < 4; step++) {
                steps.append("  - { sync: s").append((q - 1) * 4 + step + 1).append(" }\n");
            }
            files.put("sequences/q" + q + ".yaml", "kind: sequence\nid: q" + q + "\nsteps:\n" + steps);
        }
        try (RuntimeHarness runtime = RuntimeHarness.startOnTestDatabase(TestConfig.write(Files.createTempDirectory("caravan-load"), files), Map.of())) {
            for (int warm = 0; warm < 100; warm++) { // the JIT and the pools, before anything is measured
                Http.send("POST", runtime.api("/api/sequences/q" + (warm % SEQUENCES + 1) + "/runs"), "");
                Http.get(runtime.api("/api/info"));
            }
            while (unfinished(runtime) > 0) {
                Thread.sleep(100);
            }
            long warmRuns = Long.parseLong(runtime.sql("SELECT count(*) FROM caravan.sequence_runs").get(0));
            List<Double> triggerMillis = new CopyOnWriteArrayList<>();
            List<Double> healthMillis = new CopyOnWriteArrayList<>();
            Set<Long> accepted = ConcurrentHashMap.newKeySet();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger sent = new AtomicInteger();
            ExecutorService callers = Executors.newFixedThreadPool(16);
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            clock.scheduleAtFixedRate(() -> {
                int n = sent.incrementAndGet();
                callers.execute(() -> {
                    long started = System.nanoTime();
                    HttpResponse<String> answer = Http.send("POST", runtime.api("/api/sequences/q" + (n % SEQUENCES + 1) + "/runs"), "");
                    triggerMillis.add((System.nanoTime() - started) / 1e6);
                    if (answer.statusCode() == 202) {
                        accepted.add(Long.parseLong(answer.body().replaceAll(".*\"runId\":(\\d+).*", "$1")));
                    } else {
                        refused.incrementAndGet();
                    }
                });
                if (n % PER_SECOND == 0) {
                    callers.execute(() -> {
                        long started = System.nanoTime();
                        Http.get(runtime.api("/api/info"));
                        healthMillis.add((System.nanoTime() - started) / 1e6);
                    });
                }
            }, 0, 1000 / PER_SECOND, TimeUnit.MILLISECONDS);
            Thread.sleep(seconds * 1000L);
            clock.shutdown();
            callers.shutdown();
            callers.awaitTermination(1, TimeUnit.MINUTES);
            long deadline = System.currentTimeMillis() + 120_000;
            while (unfinished(runtime) > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            long recorded = Long.parseLong(runtime.sql("SELECT count(*) FROM caravan.sequence_runs").get(0)) - warmRuns;
            long finished = Long.parseLong(runtime.sql("SELECT count(*) FROM caravan.sequence_runs WHERE status = 'succeeded'").get(0)) - warmRuns;
            double p99 = percentile(triggerMillis, 0.99);
            double baseline = percentile(healthMillis, 0.99);
            Report.line("load", String.format("p99 %.1f ms (p50 %.1f ms) over %,d triggers in %d s; %,d runs accepted, %,d recorded, %,d succeeded, %d refused",
                            p99, percentile(triggerMillis, 0.5), triggerMillis.size(), seconds, accepted.size(), recorded, finished, refused.get()),
                    String.format("GET /api/info p99 %.1f ms", baseline), p99 / baseline, "target: p99 < 200 ms, every accepted run recorded");
            if (recorded != accepted.size() || finished != accepted.size()) {
                throw new IllegalStateException("runs lost: " + accepted.size() + " accepted, " + recorded + " recorded, " + finished + " succeeded");
            }
        }
    }

    private static long unfinished(RuntimeHarness runtime) {
        return Long.parseLong(runtime.sql("SELECT count(*) FROM caravan.sequence_runs WHERE status IN ('queued', 'running')").get(0));
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }
}
