package dev.caravan.compiler;

import dev.caravan.model.CaravanConfig;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.SyncDefinition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles the configuration model into Camel YAML DSL. Pure: no I/O, no Camel context; the text
 * it returns is exactly what the runtime loads, so {@code caravan compile} shows what will run.
 * Secrets never appear in routes: routes name connections, and beans resolve them at run time.
 */
public final class RouteCompiler {
    static final String HEADER = "# Camel routes compiled by Caravan from its configuration. Generated: do not edit.\n"
            + "# Templates they instantiate: " + String.join(", ", RouteTemplates.RESOURCES) + "\n";

    private final SyncCompiler syncs = new SyncCompiler();
    private final SequenceCompiler sequences = new SequenceCompiler();

    public String compile(CaravanConfig config) {
        return print(routes(config).values());
    }

    /** Every route the configuration compiles to, by route id, in order. */
    public Map<String, Map<String, Object>> routes(CaravanConfig config) {
        List<Map<String, Object>> routes = new ArrayList<>();
        for (SyncDefinition sync : config.syncs()) {
            routes.addAll(syncs.compile(sync));
        }
        for (SequenceDefinition sequence : config.sequences()) {
            routes.addAll(sequences.compile(sequence));
        }
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        routes.forEach(route -> byId.put(YamlDsl.routeId(route), route));
        return byId;
    }

    /** Routes as one Camel YAML DSL document. */
    public String print(Collection<Map<String, Object>> routes) {
        return YamlDsl.print(HEADER, List.copyOf(routes));
    }
}
