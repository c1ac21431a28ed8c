package dev.caravan.compiler;

import dev.caravan.config.ConfigLoader;
import dev.caravan.config.EnvironmentResolver;
import dev.caravan.model.CaravanConfig;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
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

    /** Stands in for the sync runner bean: records which syncs a sequence ran, in order, and fails the first {@code failures} runs. */
    public static final class RecordingRunner {
        final List<String> ran = new ArrayList<>();
        int failures;

        public long run(@Header("CaravanSyncId") String syncId, @Header("CaravanTrigger") String trigger) {
            if (!"sequence".equals(trigger)) {
                return 0; // the 15 s interval trigger of crm-contacts may fire meanwhile; it is not part of the sequence
            }
            ran.add(syncId + "@" + trigger);
            if (failures-- > 0) {
                throw new IllegalStateException("run " + ran.size() + " failed");
            }
            return ran.size();
        }
    }

    /** Stands in for the sequence runner and the step judge: records what the routes hand them. */
    public static final class RecordingSequences {
        final List<String> calls = new ArrayList<>();

        public void trigger(@Header("CaravanSequenceId") String sequenceId, @Header("CaravanTrigger") String trigger) {
            calls.add("trigger " + sequenceId + "@" + trigger);
        }

        public void judge(@Body long syncRunId, @Header("CaravanTerminate") String terminate, @Header("CaravanRejectedMaxRows") Long maxRows,
                          @Header("CaravanRejectedMaxPercent") Double maxPercent) {
            calls.add("judge run " + syncRunId + " " + terminate + " " + maxRows + " " + maxPercent);
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
    void compiledYamlLoadsIntoCamelWithStepRoutesThatRetryAndCarryTheirPolicy() throws Exception {
        RecordingRunner runner = new RecordingRunner();
        RecordingSequences sequences = new RecordingSequences();
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("syncRunner", runner);
            context.getRegistry().bind("sequenceRunner", sequences);
            context.getRegistry().bind("stepJudge", sequences);
            load(context, new RouteCompiler().compile(CONFIG));
            context.start();

            assertThat(context.getRoutes()).extracting(Route::getRouteId).contains(
                    "sync.crm-accounts", "sync.crm-contacts", "sync.contacts-to-crm", "sync.crm-contacts.schedule",
                    "sequence.crm-hierarchy", "sequence.crm-hierarchy.schedule", "sequence.crm-hierarchy.step.crm-accounts",
                    "sequence.crm-hierarchy.step.crm-contacts", "sequence.crm-hierarchy.step.contacts-to-crm");
            Trigger trigger = context.getComponent("quartz", QuartzComponent.class).getScheduler()
                    .getTrigger(TriggerKey.triggerKey("seq-crm-hierarchy", RouteIds.QUARTZ_GROUP));
            assertThat(((CronTrigger) trigger).getCronExpression()).isEqualTo("0 0/15 * * * ?");
            assertThat(((CronTrigger) trigger).getTimeZone().getID()).isEqualTo("UTC");
            Trigger interval = context.getComponent("quartz", QuartzComponent.class).getScheduler()
                    .getTrigger(TriggerKey.triggerKey("poll-crm-contacts", RouteIds.QUARTZ_GROUP));
            assertThat(((SimpleTrigger) interval).getRepeatInterval()).isEqualTo(15_000);

            var producer = context.createProducerTemplate();
            producer.sendBody("direct:sequence-crm-hierarchy", null);
            producer.sendBody("direct:sequence-crm-hierarchy-step-crm-accounts", null);
            runner.failures = 2;
            producer.sendBody("direct:sequence-crm-hierarchy-step-crm-contacts", null);
            runner.failures = 1;
            Exchange failed = producer.send("direct:sequence-crm-hierarchy-step-contacts-to-crm", e -> { });

            assertThat(runner.ran).containsExactly(
                    "crm-accounts@sequence", "crm-contacts@sequence", "crm-contacts@sequence", "crm-contacts@sequence", "contacts-to-crm@sequence");
            assertThat(sequences.calls).containsExactly("trigger crm-hierarchy@null",
                    "judge run 1 fatal-or-rejected 100 5.0", "judge run 4 fatal null null");
            assertThat(failed.getException()).hasMessage("run 5 failed");
        }
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
