package dev.caravan.compiler;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds Camel YAML DSL nodes as plain maps and prints them; escaping is the YAML emitter's job. */
final class YamlDsl {
    private YamlDsl() {
    }

    static Map<String, Object> templatedRoute(String template, String routeId, Map<String, String> parameters) {
        List<Map<String, Object>> params = new ArrayList<>();
        new TreeMap<>(parameters).forEach((name, value) -> params.add(ordered("name", name, "value", value)));
        Map<String, Object> body = ordered("routeTemplateRef", template, "routeId", routeId);
        body.put("parameters", params);
        return ordered("templatedRoute", body);
    }

    static Map<String, Object> route(String id, String description, String from, List<Map<String, Object>> steps) {
        return route(id, description, null, from, steps);
    }

    /** A route with its own error handler ({@code errorHandler} may be null for the default). */
    static Map<String, Object> route(String id, String description, Map<String, Object> errorHandler, String from,
                                     List<Map<String, Object>> steps) {
        Map<String, Object> fromNode = ordered("uri", from);
        fromNode.put("steps", steps);
        Map<String, Object> route = ordered("id", id, "description", description);
        if (errorHandler != null) {
            route.put("errorHandler", errorHandler);
        }
        route.put("from", fromNode);
        return ordered("route", route);
    }

    static Map<String, Object> bean(String ref, String method) {
        return ordered("bean", ordered("ref", ref, "method", method));
    }

    static Map<String, Object> to(String uri) {
        return ordered("to", ordered("uri", uri));
    }

    static Map<String, Object> setHeader(String name, String constant) {
        return ordered("setHeader", ordered("name", name, "constant", constant));
    }

    /** The id of a route made by {@link #templatedRoute} or {@link #route}. */
    @SuppressWarnings("unchecked")
    static String routeId(Map<String, Object> route) {
        Map<String, Object> body = (Map<String, Object>) route.values().iterator().next();
        return String.valueOf(body.containsKey("routeId") ? body.get("routeId") : body.get("id"));
    }

    static String print(String header, List<Map<String, Object>> routes) {
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setIndent(2)
                .setIndicatorIndent(2)
                .setIndentWithIndicator(true)
                .setWidth(200)
                .build();
        return header + (routes.isEmpty() ? "[]\n" : new Dump(settings).dumpToString(routes));
    }

    static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
