package dev.caravan.runtime.reload;

import dev.caravan.compiler.RouteCompiler;
import dev.caravan.config.ConfigException;
import dev.caravan.config.ConfigLoader;
import dev.caravan.connector.http.HttpConnections;
import dev.caravan.model.CaravanConfig;
import dev.caravan.model.LiveConfig;
import dev.caravan.state.jdbc.JdbcConfigReloads;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reloads {@code config/} without a restart. The new configuration is validated in full first;
 * if it has problems, the running one stays and the problems are returned. Otherwise it is put in
 * force and only the routes whose compiled definition changed are replaced. A run already going
 * keeps the definitions it started with and records its result as usual; the next run reads the
 * new ones. Every reload is recorded, applied or not.
 */
public final class ConfigReloader {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConfigReloader.class);
    private static final int STOP_TIMEOUT_SECONDS = 5;

    private final Path directory;
    private final LiveConfig live;
    private final CamelContext context;
    private final HttpConnections connections;
    private final JdbcConfigReloads history;
    private final RouteCompiler compiler = new RouteCompiler();
    private final AtomicInteger generation = new AtomicInteger();

    public ConfigReloader(Path directory, LiveConfig live, CamelContext context, HttpConnections connections, JdbcConfigReloads history) {
        this.directory = directory;
        this.live = live;
        this.context = context;
        this.connections = connections;
        this.history = history;
    }

    /** @param actor who asked (the CLI's user, an API client's address), for the record */
    public synchronized ReloadResult reload(String actor) throws Exception {
        CaravanConfig next;
        try {
            next = ConfigLoader.withSystemEnvironment().load(directory);
        } catch (ConfigException e) {
            List<String> problems = e.problems().stream().map(Object::toString).toList();
            long id = history.record(actor, ReloadResult.REJECTED, List.of(), List.of(), List.of(), problems);
            LOGGER.warn("Configuration reload {} by {} refused: {} problem(s); the running configuration stays", id, actor, problems.size());
            return new ReloadResult(id, ReloadResult.REJECTED, new ConfigDiff(List.of(), List.of(), List.of()), List.of(), problems);
        }
        CaravanConfig before = live.current();
        ConfigDiff diff = ConfigDiff.between(before, next);
        if (diff.isEmpty()) {
            long id = history.record(actor, ReloadResult.UNCHANGED, List.of(), List.of(), List.of(), List.of());
            return new ReloadResult(id, ReloadResult.UNCHANGED, diff, List.of(), List.of());
        }
        connections.forget(diff.changedOrRemoved("connection"));
        List<String> replaced = swapRoutes(compiler.routes(before), compiler.routes(next), next);
        long id = history.record(actor, ReloadResult.APPLIED, diff.added(), diff.changed(), diff.removed(), List.of());
        LOGGER.info("Configuration reload {} by {} applied: added {}, changed {}, removed {}; routes replaced: {}", id, actor,
                diff.added(), diff.changed(), diff.removed(), replaced);
        return new ReloadResult(id, ReloadResult.APPLIED, diff, replaced, List.of());
    }

    /**
     * Removes the routes that are gone or differ, puts the new configuration in force, then adds the
     * routes that are new or differ. Stopping a route waits a little for an exchange in flight, but
     * a run does not depend on its route: it goes on and records its end.
     */
    private List<String> swapRoutes(Map<String, Map<String, Object>> before, Map<String, Map<String, Object>> after, CaravanConfig next)
            throws Exception {
        List<String> outgoing = new ArrayList<>();
        before.forEach((id, route) -> {
            if (!Objects.equals(after.get(id), route)) {
                outgoing.add(id);
            }
        });
        for (String id : outgoing) {
            context.getRouteController().stopRoute(id, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            context.removeRoute(id);
        }
        live.replace(next);
        List<Map<String, Object>> incoming = new ArrayList<>();
        List<String> replaced = new ArrayList<>(outgoing);
        after.forEach((id, route) -> {
            if (!Objects.equals(before.get(id), route)) {
                incoming.add(route);
                if (!replaced.contains(id)) {
                    replaced.add(id);
                }
            }
        });
        if (!incoming.isEmpty()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(
                    "caravan-reload-" + generation.incrementAndGet() + ".camel.yaml", compiler.print(incoming)));
        }
        return replaced;
    }
}
