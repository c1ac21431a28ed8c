package dev.caravan.bench;

import dev.caravan.runtime.sequence.SequenceRunner;
import dev.caravan.testing.Http;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;
import org.apache.camel.ProducerTemplate;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequence overhead. A 50-step sequence of no-op steps (activations whose model is empty, into a
 * table) against the same 50 syncs called one after another straight through their routes: the
 * difference per step is what the sequence adds (recording each step, the policy check, the
 * hand-over between threads). Then the latency from an HTTP trigger to the first step's sync
 * starting, beside the same latency for a sync triggered over HTTP. Medians over many runs.
 */
public final class SequenceBench {
    private static final int STEPS = 50;

    public static void main(String[] args) {
        BenchMain.run(SequenceBench::run, args);
    }

    private static void run(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int triggers = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Map<String, String> files = new HashMap<>();
        files.put("connections/warehouse.yaml", TestConfig.warehouse());
        StringBuilder steps = new StringBuilder();
        for (int i = 1; i <= STEPS; i++) {
            files.put("syncs/noop-" + i + ".yaml", "kind: sync\nid: noop-" + i + "\nsource: { connection: warehouse, query: \"select 1 as id where false\","
                    + " primaryKey: [id] }\ndestination: { connection: warehouse, table: bench.noop_" + i + " }\n");
            steps.append("  - { sync: noop-").append(i).append(" }\n");
        }
        files.put("sequences/fifty.yaml", "kind: sequence\nid: fifty\nsteps:\n" + steps);
        files.put("sequences/one.yaml", "kind: sequence\nid: one\nsteps: [ { sync: noop-1 } ]\n");
        try (RuntimeHarness runtime = RuntimeHarness.startOnTestDatabase(TestConfig.write(Files.createTempDirectory("caravan-bench"), files),
                Map.of())) {
            runtime.execute("CREATE SCHEMA bench");
            ProducerTemplate producer = runtime.context().createProducerTemplate();
            SequenceRunner sequences = runtime.context().getRegistry().lookupByNameAndType("sequenceRunner", SequenceRunner.class);
            for (int warm = 0; warm < 3; warm++) {
                directChain(producer);
                awaitEnd(runtime, sequences.submit("fifty", "api").runId());
            }
            List<Double> direct = new ArrayList<>();
            List<Double> sequenced = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                direct.add(directChain(producer) / STEPS);
                sequenced.add(awaitEnd(runtime, sequences.submit("fifty", "api").runId()) / STEPS);
            }
            double directPerStep = median(direct);
            double sequencedPerStep = median(sequenced);
            double overhead = sequencedPerStep - directPerStep;
            Report.line("sequence step", String.format("%.2f ms per step (overhead %.2f ms)", sequencedPerStep, overhead),
                    String.format("the same syncs called in a row %.2f ms per step", directPerStep), sequencedPerStep / directPerStep,
                    "target: overhead under 5 ms per step (median of " + runs + " runs of " + STEPS + " steps)");

            List<Double> sequenceLatency = new ArrayList<>();
            List<Double> syncLatency = new ArrayList<>();
            for (int i = -5; i < triggers; i++) {
                double sequence = triggerLatency(runtime, "/api/sequences/one/runs",
                        "SELECT r.started_at FROM caravan.sync_runs r JOIN caravan.sequence_steps s ON s.sync_run_id = r.run_id "
                                + "WHERE s.sequence_run_id = ?");
                double sync = triggerLatency(runtime, "/api/syncs/noop-2/runs", "SELECT started_at FROM caravan.sync_runs WHERE run_id = ?");
                if (i >= 0) { // the first five warm the HTTP server and the JIT
                    sequenceLatency.add(sequence);
                    syncLatency.add(sync);
                }
            }
            double latency = median(sequenceLatency);
            double baseline = median(syncLatency);
            Report.line("trigger latency", String.format("%.1f ms HTTP trigger to first step (p95 %.1f ms)", latency, percentile(sequenceLatency, 0.95)),
                    String.format("HTTP trigger to sync start %.1f ms", baseline), latency / baseline,
                    "target: under 50 ms (median of " + triggers + ")");
        }
    }

    /** Milliseconds to run every no-op sync once, one after another, through their routes. */
    private static double directChain(ProducerTemplate producer) {
        long started = System.nanoTime();
        for (int i = 1; i <= STEPS; i++) {
            producer.sendBody("direct:sync-noop-" + i, null);
        }
        return (System.nanoTime() - started) / 1e6;
    }

    /** Waits for a sequence run to end and returns its queued-to-finished time in ms, from run history. */
    private static double awaitEnd(RuntimeHarness runtime, long runId) throws InterruptedException {
        while (true) {
            List<String> row = runtime.sql("SELECT extract(epoch FROM finished_at - queued_at) * 1000 FROM caravan.sequence_runs "
                    + "WHERE run_id = " + runId + " AND finished_at IS NOT NULL AND status = 'succeeded'");
            if (!row.isEmpty()) {
                return Double.parseDouble(row.get(0));
            }
            Thread.sleep(20);
        }
    }

    /** Milliseconds from sending {@code POST path} to the start recorded by {@code startQuery} for the run id it answered. */
    private static double triggerLatency(RuntimeHarness runtime, String path, String startQuery) throws Exception {
        Instant sent = Instant.now();
        HttpResponse<String> response = Http.send("POST", runtime.api(path), "");
        long runId = Long.parseLong(response.body().replaceAll(".*\"runId\":(\\d+).*", "$1"));
        while (true) {
            try (var c = runtime.dataSource().getConnection(); var ps = c.prepareStatement(startQuery)) {
                ps.setLong(1, runId);
                try (var rs = ps.executeQuery()) {
                    Timestamp started = rs.next() ? rs.getTimestamp(1) : null;
                    if (started != null && finished(runtime, path, runId)) {
                        return Duration.between(sent, started.toInstant()).toNanos() / 1e6;
                    }
                }
            }
            Thread.sleep(10);
        }
    }

    /** Waits for the run to end too, so the next trigger starts a run instead of queueing behind this one. */
    private static boolean finished(RuntimeHarness runtime, String path, long runId) {
        String table = path.contains("/sequences/") ? "caravan.sequence_runs" : "caravan.sync_runs";
        return !runtime.sql("SELECT 1 FROM " + table + " WHERE run_id = " + runId + " AND finished_at IS NOT NULL").isEmpty();
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }
}
