package dev.caravan.api;

import dev.caravan.runtime.reload.ConfigReloader;
import dev.caravan.runtime.reload.ReloadResult;
import dev.caravan.state.jdbc.JdbcConfigReloads;
import org.apache.camel.Exchange;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/config/reload} reloads {@code config/} without a restart (422 with every
 * problem when it is invalid, the running configuration kept); {@code GET /api/config/reloads}
 * lists past reloads, newest first.
 */
final class ConfigEndpoints {
    static final String ACTOR_HEADER = "X-Caravan-Actor";
    private static final int ACTOR_LIMIT = 200;
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 200;

    private final ConfigReloader reloader;
    private final JdbcConfigReloads history;

    ConfigEndpoints(ConfigReloader reloader, JdbcConfigReloads history) {
        this.reloader = reloader;
        this.history = history;
    }

    void reload(Exchange exchange) throws Exception {
        ReloadResult result = reloader.reload(actor(exchange));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reloadId", result.reloadId());
        body.put("status", result.status());
        body.put("added", result.diff().added());
        body.put("changed", result.diff().changed());
        body.put("removed", result.diff().removed());
        body.put("routesReplaced", result.routesReplaced());
        if (ReloadResult.REJECTED.equals(result.status())) {
            JsonResponses.error(exchange, 422, "invalid_config", result.problems().size() + " problem(s) in the configuration; the running"
                    + " configuration stays", Map.of("problems", result.problems(), "reloadId", result.reloadId()));
            return;
        }
        JsonResponses.write(exchange, 200, body);
    }

    void reloads(Exchange exchange) {
        QueryParams.number(exchange, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
                .ifPresent(limit -> JsonResponses.write(exchange, 200, Map.of("reloads", history.recent(limit.intValue()))));
    }

    /** Who asked: the caller's own name for itself (the CLI sends user@host), and its address. */
    private static String actor(Exchange exchange) {
        String named = exchange.getMessage().getHeader(ACTOR_HEADER, String.class);
        String address = exchange.getMessage().getHeader("CamelHttpRemoteAddress", String.class);
        String actor = (named == null || named.isBlank() ? "api" : named.strip()) + (address == null ? "" : " from " + address);
        return actor.length() > ACTOR_LIMIT ? actor.substring(0, ACTOR_LIMIT) : actor;
    }
}
