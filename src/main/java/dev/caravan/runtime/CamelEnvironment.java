package dev.caravan.runtime;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Camel settings from the environment, so containers configure the runtime without editing
 * files: {@code CAMEL_SERVER_PORT=9090} is {@code camel.server.port = 9090} and
 * {@code CAMEL_MANAGEMENT_HEALTH_CHECK_ENABLED} is {@code camel.management.health-check-enabled}.
 * Camel Main alone does not read these groups from the environment.
 */
final class CamelEnvironment {
    private static final List<String> GROUPS = List.of("main", "server", "management", "health", "metrics");

    private CamelEnvironment() {
    }

    static Map<String, String> properties(Map<String, String> environment) {
        Map<String, String> properties = new TreeMap<>();
        environment.forEach((name, value) -> {
            for (String group : GROUPS) {
                String prefix = "CAMEL_" + group.toUpperCase(Locale.ROOT) + "_";
                if (name.startsWith(prefix) && name.length() > prefix.length()) {
                    String option = name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
                    properties.put("camel." + group + "." + option, value);
                }
            }
        });
        return properties;
    }
}
