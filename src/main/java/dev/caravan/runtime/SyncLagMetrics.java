package dev.caravan.runtime;

import dev.caravan.model.CaravanConfig;
import dev.caravan.model.SyncDefinition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code caravan_sync_lag_seconds{sync="…"}} for every API sync (see
 * {@link SyncStatusService} for the definition); NaN until the first backfill completes.
 */
final class SyncLagMetrics implements StartupListener {
    private static final Logger LOGGER = LoggerFactory.getLogger(SyncLagMetrics.class);

    private final CaravanConfig config;
    private final SyncStatusService statuses;

    SyncLagMetrics(CaravanConfig config, SyncStatusService statuses) {
        this.config = config;
        this.statuses = statuses;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) {
            LOGGER.info("No metrics registry (camel.metrics.enabled=false): sync lag is not published");
            return;
        }
        for (SyncDefinition sync : config.syncs()) {
            if (sync.isApiSync()) {
                Gauge.builder("caravan.sync.lag", () -> lag(sync.id()))
                        .description("Seconds since the destination table was last known complete")
                        .baseUnit("seconds")
                        .tag("sync", sync.id())
                        .register(registry);
            }
        }
    }

    private double lag(String syncId) {
        try {
            return statuses.lagSeconds(syncId).orElse(Double.NaN);
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
