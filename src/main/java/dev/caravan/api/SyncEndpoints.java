package dev.caravan.api;

import dev.caravan.model.CaravanConfig;
import dev.caravan.model.SyncDefinition;
import dev.caravan.runtime.SyncRunner;
import dev.caravan.runtime.SyncStatusService;
import dev.caravan.runtime.activation.ActivationEngine;
import org.apache.camel.Exchange;

import java.util.Map;
import java.util.Optional;

/** {@code /api/syncs}: list, detail (phase, backfill progress, lag, last run), trigger a run, and an activation's dry run. */
final class SyncEndpoints {
    private final CaravanConfig config;
    private final SyncStatusService statuses;
    private final SyncRunner runner;
    private final ActivationEngine activations;

    SyncEndpoints(CaravanConfig config, SyncStatusService statuses, SyncRunner runner, ActivationEngine activations) {
        this.config = config;
        this.statuses = statuses;
        this.runner = runner;
        this.activations = activations;
    }

    /** What the next run of an activation would send: counts and a few rendered requests; nothing is sent. */
    void dryRun(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        Optional<SyncDefinition> sync = config.sync(id);
        if (sync.isEmpty()) {
            notFound(exchange, id);
            return;
        }
        Optional<Object> report = activations.dryRun(sync.get());
        if (report.isEmpty()) {
            JsonResponses.error(exchange, 400, "bad_request", "sync '" + id + "' is not an activation to a REST API; dry runs show what one would send");
        } else {
            JsonResponses.write(exchange, 200, report.get());
        }
    }

    void list(Exchange exchange) throws Exception {
        JsonResponses.write(exchange, 200, statuses.all());
    }

    void detail(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        var status = statuses.one(id);
        if (status.isEmpty()) {
            notFound(exchange, id);
        } else {
            JsonResponses.write(exchange, 200, status.get());
        }
    }

    void trigger(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (statuses.one(id).isEmpty()) {
            notFound(exchange, id);
            return;
        }
        JsonResponses.write(exchange, 202, Map.of("runId", runner.submit(id, "api")));
    }

    private static void notFound(Exchange exchange, String id) {
        JsonResponses.error(exchange, 404, "not_found", "no sync '" + id + "'");
    }
}
