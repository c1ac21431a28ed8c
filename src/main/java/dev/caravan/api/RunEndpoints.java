package dev.caravan.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.runtime.SyncStatusService;
import dev.caravan.state.RejectedRow;
import dev.caravan.state.RunHistory;
import dev.caravan.state.jdbc.JdbcRejectedRows;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/runs/{runId}}: one sync run; {@code /api/runs/{runId}/rejections}: its rejected rows, paged. */
final class RunEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final RunHistory history;
    private final JdbcRejectedRows rejections;

    RunEndpoints(RunHistory history, JdbcRejectedRows rejections) {
        this.history = history;
        this.rejections = rejections;
    }

    void detail(Exchange exchange) {
        Optional<Long> runId = QueryParams.id(exchange, "runId");
        if (runId.isEmpty()) {
            return;
        }
        history.find(runId.get()).ifPresentOrElse(run -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sync", run.syncId());
            body.putAll(SyncStatusService.run(run));
            JsonResponses.write(exchange, 200, body);
        }, () -> notFound(exchange, runId.get()));
    }

    /** {@code ?limit=} (1 to 1,000, default 100) and {@code ?after=} (the {@code next} of the previous page). */
    void rejections(Exchange exchange) throws IOException {
        Optional<Long> runId = QueryParams.id(exchange, "runId");
        if (runId.isEmpty()) {
            return;
        }
        if (history.find(runId.get()).isEmpty()) {
            notFound(exchange, runId.get());
            return;
        }
        Optional<Long> limit = QueryParams.number(exchange, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Optional<Long> after = QueryParams.number(exchange, "after", 0, 0, Long.MAX_VALUE);
        if (limit.isEmpty() || after.isEmpty()) {
            return;
        }
        List<RejectedRow> page = rejections.page(runId.get(), after.get(), limit.get().intValue());
        List<Map<String, Object>> rows = page.stream().map(RunEndpoints::row).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rejections", rows);
        body.put("next", page.size() == limit.get() ? page.get(page.size() - 1).id() : null);
        JsonResponses.write(exchange, 200, body);
    }

    private static Map<String, Object> row(RejectedRow row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", row.id());
        try {
            out.put("key", JSON.readTree(row.key()));
        } catch (IOException e) {
            out.put("key", row.key());
        }
        out.put("operation", row.operation());
        out.put("status", row.status());
        out.put("reason", row.reason());
        out.put("at", row.at().toString());
        return out;
    }

    private static void notFound(Exchange exchange, long runId) {
        JsonResponses.error(exchange, 404, "not_found", "no run " + runId);
    }
}
