package dev.caravan.runtime;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written routes shipped in routes/ parse as Camel YAML DSL (caught at build time, not at start). */
class UserRoutesTest {

    @Test
    void shippedRoutesLoadIntoCamel() throws Exception {
        Resource[] resources;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            resources = files.filter(f -> f.toString().endsWith(".camel.yaml"))
                    .map(f -> ResourceHelper.fromString(f.getFileName().toString(), read(f))).toArray(Resource[]::new);
        }
        assertThat(resources).isNotEmpty();
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().addInitialProperty("caravan.housekeeping.cron", "0 17 3 * * ?");
            context.getPropertiesComponent().addInitialProperty("caravan.history.retention-days", "30");
            PluginHelper.getRoutesLoader(context).loadRoutes(resources);
            assertThat(context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions())
                    .extracting(RouteDefinition::getRouteId).contains("housekeeping.schedule", "housekeeping.purge-run-history");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
