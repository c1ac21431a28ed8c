package dev.caravan.compiler;

import dev.caravan.config.ConfigLoader;
import dev.caravan.config.EnvironmentResolver;
import dev.caravan.model.CaravanConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.Header;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The compiler's YAML is real Camel YAML DSL: it loads into a context and runs. */
class RouteCompilerTest {
    private static final CaravanConfig CONFIG = new ConfigLoader(new EnvironmentResolver(Map.<String, String>of()::get))
            .load(Path.of("src/test/resources/config/base"));

    /** Stands in for the sync runner bean: records which syncs ran, in order. */
    public static final class RecordingRunner {
        final List<String> ran = new ArrayList<>();

        public void run(@Header("CaravanSyncId") String syncId, @Header("CaravanTrigger") String trigger) {
            ran.add(syncId + "@" + trigger);
        }
    }

    @Test
    void printsTemplatedRoutesWithDerivedIds() {
        String yaml = new RouteCompiler().compile(CONFIG);

        assertThat(yaml).startsWith("# Camel routes compiled by Caravan")
                .contains("routeTemplateRef: caravan-sync-run", "routeId: sync.crm-contacts", "routeId: sync.crm-contacts.schedule",
                        "routeTemplateRef: caravan-interval-schedule", "value: '15000'",
                        "id: sequence.crm-hierarchy", "routeTemplateRef: caravan-cron-schedule", "value: 0+0/15+*+*+*+?")
                .doesNotContain("test-token");
    }

    @Test
    void compiledYamlLoadsIntoCamelAndRunsSequenceStepsInOrder() throws Exception {
        RecordingRunner runner = new RecordingRunner();
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("syncRunner", runner);
            load(context, new RouteCompiler().compile(CONFIG));
            context.start();

            assertThat(context.getRoutes()).extracting(Route::getRouteId).contains(
                    "sync.crm-accounts", "sync.crm-contacts", "sync.contacts-to-crm",
                    "sync.crm-contacts.schedule", "sequence.crm-hierarchy", "sequence.crm-hierarchy.schedule");
            Trigger trigger = context.getComponent("quartz", QuartzComponent.class).getScheduler()
                    .getTrigger(TriggerKey.triggerKey("seq-crm-hierarchy", RouteIds.QUARTZ_GROUP));
            assertThat(((CronTrigger) trigger).getCronExpression()).isEqualTo("0 0/15 * * * ?");
            assertThat(((CronTrigger) trigger).getTimeZone().getID()).isEqualTo("UTC");
            Trigger interval = context.getComponent("quartz", QuartzComponent.class).getScheduler()
                    .getTrigger(TriggerKey.triggerKey("poll-crm-contacts", RouteIds.QUARTZ_GROUP));
            assertThat(((SimpleTrigger) interval).getRepeatInterval()).isEqualTo(15_000);

            context.createProducerTemplate().sendBody("direct:sequence-crm-hierarchy", null);

            // the 15 s interval trigger of crm-contacts may fire meanwhile; it is not part of the sequence
            assertThat(runner.ran).filteredOn(run -> run.endsWith("@sequence"))
                    .containsExactly("crm-accounts@sequence", "crm-contacts@sequence", "contacts-to-crm@sequence");
        }
    }

    @Test
    void dagStepsRunAfterTheirDependencies() {
        CaravanConfig dag = new CaravanConfig(CONFIG.connections(), CONFIG.syncs(), List.of(new dev.caravan.model.SequenceDefinition(
                dev.caravan.model.Kind.SEQUENCE, "dag", null, true, null, null, 2, List.of(
                step("contacts-to-crm", List.of("crm-contacts", "crm-accounts")),
                step("crm-contacts", List.of()),
                step("crm-accounts", List.of("crm-contacts"))))));

        assertThat(SequenceCompiler.executionOrder(dag.sequences().get(0)))
                .containsExactly("crm-contacts", "crm-accounts", "contacts-to-crm");
    }

    private static dev.caravan.model.StepSpec step(String sync, List<String> after) {
        return new dev.caravan.model.StepSpec(sync, null, null, after);
    }

    static void load(CamelContext context, String compiled) throws Exception {
        List<Resource> resources = new ArrayList<>();
        for (String template : RouteTemplates.RESOURCES) {
            resources.add(ResourceHelper.resolveMandatoryResource(context, template));
        }
        resources.add(ResourceHelper.fromString("compiled.camel.yaml", compiled));
        PluginHelper.getRoutesLoader(context).loadRoutes(resources.toArray(Resource[]::new));
    }
}
