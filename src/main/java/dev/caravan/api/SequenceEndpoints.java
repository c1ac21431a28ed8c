package dev.caravan.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.LiveConfig;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.runtime.sequence.SequenceRunner;
import dev.caravan.runtime.sequence.SequenceSwitches;
import dev.caravan.runtime.sequence.TriggerResult;
import dev.caravan.state.SequenceHistory;
import dev.caravan.state.SequenceRun;
import org.apache.camel.Exchange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/sequences}: list, detail, enable or disable ({@code PATCH}), trigger a run, the run
 * history (paged, newest first); {@code /api/sequence-runs/{runId}}: one run with its steps, and
 * cancelling it.
 */
final class SequenceEndpoints {
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 200;

    private final LiveConfig config;
    private final SequenceRunner runner;
    private final SequenceHistory history;
    private final SequenceSwitches switches;

    SequenceEndpoints(LiveConfig config, SequenceRunner runner, SequenceHistory history, SequenceSwitches switches) {
        this.config = config;
        this.runner = runner;
        this.history = history;
        this.switches = switches;
    }

    void list(Exchange exchange) {
        Map<String, SequenceRun> last = history.lastFinished();
        JsonResponses.write(exchange, 200, config.current().sequences().stream()
                .map(s -> SequenceViews.summary(s, switches.isEnabled(s), last.get(s.id()))).toList());
    }

    void detail(Exchange exchange) {
        sequence(exchange).ifPresent(s -> JsonResponses.write(exchange, 200,
                SequenceViews.detail(s, switches.isEnabled(s), history.lastFinished(s.id()).orElse(null))));
    }

    /** {@code {"enabled": true|false}}. */
    void patch(Exchange exchange) {
        Optional<SequenceDefinition> sequence = sequence(exchange);
        if (sequence.isEmpty()) {
            return;
        }
        Optional<JsonNode> body = JsonBodies.read(exchange);
        if (body.isEmpty()) {
            return;
        }
        JsonNode enabled = body.get().get("enabled");
        if (enabled == null || !enabled.isBoolean() || body.get().size() != 1) {
            JsonResponses.error(exchange, 400, "bad_request", "the body must be {\"enabled\": true} or {\"enabled\": false}");
            return;
        }
        switches.set(sequence.get(), enabled.booleanValue());
        JsonResponses.write(exchange, 200, SequenceViews.detail(sequence.get(), enabled.booleanValue(),
                history.lastFinished(sequence.get().id()).orElse(null)));
    }

    /** 202 with the run id; a trigger while a run is queued gets that run back ({@code coalesced}). */
    void trigger(Exchange exchange) {
        sequence(exchange).ifPresent(s -> {
            TriggerResult result = runner.submit(s.id(), "api");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("runId", result.runId());
            body.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
            JsonResponses.write(exchange, 202, body);
        });
    }

    /** {@code ?limit=} (1 to 200, default 20) and {@code ?before=} (the {@code next} of the previous page). */
    void runs(Exchange exchange) {
        Optional<SequenceDefinition> sequence = sequence(exchange);
        if (sequence.isEmpty()) {
            return;
        }
        Optional<Long> limit = QueryParams.number(exchange, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        if (limit.isEmpty()) {
            return;
        }
        Optional<Long> before = QueryParams.number(exchange, "before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        if (before.isEmpty()) {
            return;
        }
        List<SequenceRun> page = history.page(sequence.get().id(), before.get(), limit.get().intValue());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", SequenceViews.runs(page));
        body.put("next", page.size() == limit.get() ? page.get(page.size() - 1).runId() : null);
        JsonResponses.write(exchange, 200, body);
    }

    void run(Exchange exchange) {
        QueryParams.id(exchange, "runId").ifPresent(runId -> history.find(runId).ifPresentOrElse(
                run -> JsonResponses.write(exchange, 200, SequenceViews.runWithSteps(run)),
                () -> JsonResponses.error(exchange, 404, "not_found", "no sequence run " + runId)));
    }

    /** Cancels a queued run, or stops a running one from starting more steps (the steps running finish). */
    void cancel(Exchange exchange) {
        QueryParams.id(exchange, "runId").ifPresent(runId -> {
            Optional<SequenceRun> run = history.find(runId);
            if (run.isEmpty()) {
                JsonResponses.error(exchange, 404, "not_found", "no sequence run " + runId);
            } else if (!runner.cancel(runId, "cancelled through the API")) {
                JsonResponses.error(exchange, 409, "conflict", "sequence run " + runId + " is " + run.get().status().value() + "; only a queued or"
                        + " running run can be cancelled");
            } else {
                JsonResponses.write(exchange, 202, Map.of("runId", runId, "cancelling", true));
            }
        });
    }

    private Optional<SequenceDefinition> sequence(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        Optional<SequenceDefinition> sequence = config.current().sequence(id);
        if (sequence.isEmpty()) {
            JsonResponses.error(exchange, 404, "not_found", "no sequence '" + id + "'");
        }
        return sequence;
    }
}
