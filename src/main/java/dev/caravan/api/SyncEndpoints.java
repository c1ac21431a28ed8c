package dev.caravan.api;

import dev.caravan.model.LiveConfig;
import dev.caravan.model.SyncDefinition;
import dev.caravan.runtime.RemovalApprovals;
import dev.caravan.runtime.SyncRunner;
import dev.caravan.runtime.SyncStatusService;
import dev.caravan.runtime.activation.ActivationEngine;
import org.apache.camel.Exchange;

import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/syncs}: list, detail (phase, backfill progress, lag, last run), trigger a run, run
 * from scratch, pause and resume, an activation's dry run, and approving or rejecting a removal held
 * for exceeding {@code maxRemove}.
 */
final class SyncEndpoints {
    private final LiveConfig config;
    private final SyncStatusService statuses;
    private final SyncRunner runner;
    private final ActivationEngine activations;
    private final RemovalApprovals approvals;

    SyncEndpoints(LiveConfig config, SyncStatusService statuses, SyncRunner runner, ActivationEngine activations, RemovalApprovals approvals) {
        this.approvals = approvals;
        this.config = config;
        this.statuses = statuses;
        this.runner = runner;
        this.activations = activations;
    }

    /** What the next run of an activation would send: counts and a few rendered requests; nothing is sent. */
    void dryRun(Exchange exchange) throws Exception {
        Optional<SyncDefinition> sync = sync(exchange);
        if (sync.isEmpty()) {
            return;
        }
        String id = sync.get().id();
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

    /** Carries out the removal held for exceeding maxRemove: 202 with the run that does it, or 409 when none waits. */
    void approveRemovals(Exchange exchange) {
        sync(exchange).ifPresent(sync -> approvals.approve(sync.id()).ifPresentOrElse(
                runId -> JsonResponses.write(exchange, 202, Map.of("runId", runId)),
                () -> JsonResponses.error(exchange, 409, "conflict", "sync '" + sync.id() + "' holds no removal waiting for approval")));
    }

    /** Drops the removal held for exceeding maxRemove: 200, or 409 when none is held. */
    void rejectRemovals(Exchange exchange) {
        sync(exchange).ifPresent(sync -> {
            if (approvals.reject(sync.id())) {
                JsonResponses.write(exchange, 200, Map.of("rejected", true));
            } else {
                JsonResponses.error(exchange, 409, "conflict", "sync '" + sync.id() + "' holds no removal");
            }
        });
    }

    void trigger(Exchange exchange) {
        sync(exchange).ifPresent(sync -> JsonResponses.write(exchange, 202, Map.of("runId", runner.submit(sync.id(), "api"))));
    }

    /** Forgets where the sync stands and runs it: an API sync backfills again, an activation resends every row. */
    void backfill(Exchange exchange) {
        sync(exchange).ifPresent(sync -> JsonResponses.write(exchange, 202, Map.of("runId", runner.submitFromScratch(sync.id()))));
    }

    void pause(Exchange exchange) throws Exception {
        switchPaused(exchange, true);
    }

    void resume(Exchange exchange) throws Exception {
        switchPaused(exchange, false);
    }

    private void switchPaused(Exchange exchange, boolean paused) throws Exception {
        Optional<SyncDefinition> sync = sync(exchange);
        if (sync.isPresent()) {
            runner.setPaused(sync.get().id(), paused);
            JsonResponses.write(exchange, 200, statuses.one(sync.get().id()).orElseThrow());
        }
    }

    private Optional<SyncDefinition> sync(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        Optional<SyncDefinition> sync = config.current().sync(id);
        if (sync.isEmpty()) {
            notFound(exchange, id);
        }
        return sync;
    }

    private static void notFound(Exchange exchange, String id) {
        JsonResponses.error(exchange, 404, "not_found", "no sync '" + id + "'");
    }
}
