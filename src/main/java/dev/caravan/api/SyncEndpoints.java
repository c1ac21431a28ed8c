package dev.caravan.api;

import dev.caravan.runtime.SyncRunner;
import dev.caravan.runtime.SyncStatusService;
import org.apache.camel.Exchange;

import java.util.Map;

/** {@code /api/syncs}: list, detail (phase, backfill progress, lag, last run) and trigger a run. */
final class SyncEndpoints {
    private final SyncStatusService statuses;
    private final SyncRunner runner;

    SyncEndpoints(SyncStatusService statuses, SyncRunner runner) {
        this.statuses = statuses;
        this.runner = runner;
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
