package dev.caravan.runtime;

import dev.caravan.compiler.RouteTemplates;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.util.ArrayList;
import java.util.List;

/** Loads the route templates, then the compiled routes, into a context through Camel's YAML DSL. */
final class CompiledRoutes {
    static final String RESOURCE_NAME = "caravan-compiled.camel.yaml";

    private CompiledRoutes() {
    }

    static void load(CamelContext context, String compiledYaml) throws Exception {
        List<Resource> resources = new ArrayList<>();
        for (String template : RouteTemplates.RESOURCES) {
            resources.add(ResourceHelper.resolveMandatoryResource(context, template));
        }
        resources.add(ResourceHelper.fromString(RESOURCE_NAME, compiledYaml));
        PluginHelper.getRoutesLoader(context).loadRoutes(resources.toArray(Resource[]::new));
    }
}
