package dev.caravan.compiler;

import dev.caravan.model.CaravanConfig;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.SyncDefinition;

import java.util.ArrayList;
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
        List<Map<String, Object>> routes = new ArrayList<>();
        for (SyncDefinition sync : config.syncs()) {
            routes.addAll(syncs.compile(sync));
        }
        for (SequenceDefinition sequence : config.sequences()) {
            routes.addAll(sequences.compile(sequence));
        }
        return YamlDsl.print(HEADER, routes);
    }
}
