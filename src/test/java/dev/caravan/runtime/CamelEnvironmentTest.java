package dev.caravan.runtime;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CamelEnvironmentTest {

    @Test
    void mapsCamelGroupsToKebabCaseProperties() {
        Map<String, String> properties = CamelEnvironment.properties(Map.of(
                "CAMEL_SERVER_PORT", "9090",
                "CAMEL_MANAGEMENT_HEALTH_CHECK_ENABLED", "false",
                "CAMEL_MAIN_ROUTES_INCLUDE_PATTERN", "file:x/*.yaml",
                "CAMEL_COMPONENT_QUARTZ_X", "ignored",
                "CAMEL_SERVER_", "ignored",
                "PATH", "/bin"));

        assertThat(properties).containsExactlyInAnyOrderEntriesOf(Map.of(
                "camel.server.port", "9090",
                "camel.management.health-check-enabled", "false",
                "camel.main.routes-include-pattern", "file:x/*.yaml"));
    }
}
