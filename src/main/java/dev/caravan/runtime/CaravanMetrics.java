package dev.caravan.runtime;

import dev.caravan.connector.http.HttpConnections;
import dev.caravan.connector.http.TrafficStats;
import dev.caravan.model.LiveConfig;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.SyncDefinition;
import dev.caravan.runtime.sequence.SequenceListener;
import dev.caravan.state.PendingRemovals;
import dev.caravan.state.RowCounts;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SequenceRun;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Caravan's own metrics, next to Camel's, on the management port's Prometheus endpoint:
 * <ul>
 *   <li>per sync: {@code caravan_sync_rows_total{sync, outcome}} (read, added, changed, removed,
 *   rejected, delivered), {@code caravan_sync_runs_total{sync, status}} and
 *   {@code caravan_sync_run_duration_seconds}, {@code caravan_sync_lag_seconds},
 *   {@code caravan_sync_backfill_records} and {@code _total_records},
 *   {@code caravan_sync_rate_limit_wait_seconds_total} and {@code caravan_sync_throttled_total} (429s),
 *   {@code caravan_sync_scan_inconsistent_total}, {@code caravan_sync_rows_repaired_total} and
 *   {@code caravan_sync_removals_held};</li>
 *   <li>per sequence: {@code caravan_sequence_runs_total{sequence, status}} and
 *   {@code caravan_sequence_run_duration_seconds}.</li>
 * </ul>
 * Gauges read the state database when scraped; NaN when there is nothing to say yet.
 */
public final class CaravanMetrics implements StartupListener, SequenceListener, SyncRunner.Observer {
    private static final Logger LOGGER = LoggerFactory.getLogger(CaravanMetrics.class);

    private final LiveConfig config;
    private final SyncStatusService statuses;
    private final HttpConnections connections;
    private final ReconciliationCounters reconciliation;
    private final PendingRemovals pendingRemovals;
    private volatile MeterRegistry registry;
    private final Set<String> withMeters = ConcurrentHashMap.newKeySet();

    public CaravanMetrics(LiveConfig config, SyncStatusService statuses, HttpConnections connections, ReconciliationCounters reconciliation,
                          PendingRemovals pendingRemovals) {
        this.reconciliation = reconciliation;
        this.pendingRemovals = pendingRemovals;
        this.config = config;
        this.statuses = statuses;
        this.connections = connections;
    }

    /**
     * The Prometheus registry Camel's metrics service will use (it takes the one bound as
     * {@code metricsRegistry}), made here so that every meter carries a HELP text: Camel registers
     * {@code app.info} without one, which strict text-format parsers refuse.
     */
    public static PrometheusMeterRegistry prometheusRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getDescription() != null ? id
                        : new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), "Camel " + id.getName().replace('.', ' '), id.getType());
            }
        });
        return registry;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        MeterRegistry found = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (found == null) {
            LOGGER.info("No metrics registry (camel.metrics.enabled=false): Caravan's metrics are not published");
            return;
        }
        // called again when a reload adds routes: syncs new since last time get their meters
        for (SyncDefinition sync : config.current().syncs()) {
            String id = sync.id();
            if (!withMeters.add(id)) {
                continue;
            }
            if (sync.isApiSync()) {
                gauge(found, "caravan.sync.lag", "Seconds since the destination table was last known complete", "seconds", id,
                        ignored -> value(() -> statuses.lagSeconds(id).orElse(Double.NaN)));
                gauge(found, "caravan.sync.backfill.records", "Records committed by the current or last backfill", null, id,
                        ignored -> value(() -> statuses.backfill(id).map(b -> (double) b.records()).orElse(Double.NaN)));
                gauge(found, "caravan.sync.backfill.total.records", "Records the API reports for the backfill (source.total)", null, id,
                        ignored -> value(() -> statuses.backfill(id).map(b -> b.total() == null ? Double.NaN : (double) b.total()).orElse(Double.NaN)));
            }
            FunctionCounter.builder("caravan.sync.scan.inconsistent", id, reconciliation::inconsistentScans)
                    .description("Key scans whose listing shifted while they ran, so they removed nothing").tag("sync", id).register(found);
            FunctionCounter.builder("caravan.sync.rows.repaired", id, reconciliation::repairedRows)
                    .description("Rows a key scan found missing from the table and wrote back").tag("sync", id).register(found);
            gauge(found, "caravan.sync.removals.held", "Rows whose removal waits for an operator's approval (more than maxRemove)", null, id,
                    ignored -> value(() -> pendingRemovals.find(id).map(p -> (double) p.rows()).orElse(0.0)));
            TrafficStats traffic = connections.traffic(id);
            FunctionCounter.builder("caravan.sync.rate.limit.wait", traffic, TrafficStats::waitSeconds)
                    .description("Seconds this sync's requests waited for their connection's rate-limit budget")
                    .baseUnit("seconds").tag("sync", id).register(found);
            FunctionCounter.builder("caravan.sync.throttled", traffic, TrafficStats::throttledCount)
                    .description("429 Too Many Requests answers this sync received").tag("sync", id).register(found);
        }
        registry = found;
    }

    @Override
    public void syncRunFinished(String syncId, RunStatus status, RowCounts rows, Duration took) {
        MeterRegistry meters = registry;
        if (meters == null) {
            return;
        }
        Map<String, Long> outcomes = Map.of("read", rows.read(), "added", rows.added(), "changed", rows.changed(), "removed", rows.removed(),
                "rejected", rows.rejected(), "delivered", rows.delivered());
        outcomes.forEach((outcome, count) -> meters.counter("caravan.sync.rows", "sync", syncId, "outcome", outcome).increment(count));
        meters.counter("caravan.sync.runs", "sync", syncId, "status", status.value()).increment();
        Timer.builder("caravan.sync.run.duration").description("Duration of sync runs").tags("sync", syncId, "status", status.value())
                .register(meters).record(took);
    }

    @Override
    public void finished(SequenceDefinition sequence, SequenceRun run) {
        MeterRegistry meters = registry;
        if (meters == null) {
            return;
        }
        meters.counter("caravan.sequence.runs", "sequence", sequence.id(), "status", run.status().value()).increment();
        if (run.startedAt() != null && run.finishedAt() != null) {
            Timer.builder("caravan.sequence.run.duration").description("Duration of sequence runs, start to end")
                    .tags("sequence", sequence.id(), "status", run.status().value()).register(meters)
                    .record(Duration.between(run.startedAt(), run.finishedAt()));
        }
    }

    private static void gauge(MeterRegistry registry, String name, String description, String unit, String syncId,
                              ToDoubleFunction<String> value) {
        Gauge.builder(name, syncId, value).description(description).baseUnit(unit).tag("sync", syncId).strongReference(true).register(registry);
    }

    private interface Reading {
        double read() throws Exception;
    }

    private static double value(Reading reading) {
        try {
            return reading.read();
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
