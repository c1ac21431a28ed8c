package dev.caravan.runtime;

import dev.caravan.api.ApiRoutes;
import dev.caravan.api.ConsoleRoutes;
import dev.caravan.ops.jmx.CaravanMBeans;
import dev.caravan.connector.ratelimit.RateLimiters;
import dev.caravan.connector.http.HttpConnections;
import dev.caravan.connector.source.http.HttpSources;
import dev.caravan.connector.http.RetryPolicy;
import dev.caravan.runtime.activation.ActivationEngine;
import dev.caravan.runtime.apisync.ApiSyncEngine;
import dev.caravan.state.jdbc.JdbcSyncStateStore;
import dev.caravan.compiler.RouteCompiler;
import dev.caravan.config.CaravanProperty;
import dev.caravan.config.ConfigLoader;
import dev.caravan.demo.DemoCrmRoutes;
import dev.caravan.model.CaravanConfig;
import dev.caravan.ops.DatabaseHealthCheck;
import dev.caravan.state.RunHistory;
import dev.caravan.state.QuartzConnections;
import dev.caravan.state.StateDatabase;
import dev.caravan.state.jdbc.JdbcRejectedRows;
import dev.caravan.state.jdbc.JdbcRunHistory;
import dev.caravan.runtime.alert.AlertChannels;
import dev.caravan.runtime.alert.SequenceAlerts;
import dev.caravan.runtime.sequence.AfterSequenceTriggers;
import dev.caravan.runtime.sequence.CamelStepInvoker;
import dev.caravan.runtime.sequence.SequenceListener;
import dev.caravan.runtime.sequence.SequenceRunner;
import dev.caravan.runtime.sequence.SequenceSwitches;
import dev.caravan.runtime.sequence.StepJudge;
import dev.caravan.state.SequenceHistory;
import dev.caravan.state.jdbc.JdbcAlertStates;
import dev.caravan.state.jdbc.JdbcCluster;
import dev.caravan.state.jdbc.JdbcSequenceHistory;
import dev.caravan.state.jdbc.JdbcSequenceSwitches;
import dev.caravan.state.jdbc.JdbcSyncSwitches;
import javax.sql.DataSource;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Wires one runtime into the Camel context: loads the configuration, opens the state database,
 * binds the beans the routes call, and adds the API and the compiled routes.
 */
public final class CaravanConfiguration implements CamelConfiguration {
    private static final Logger LOGGER = LoggerFactory.getLogger(CaravanConfiguration.class);

    private final Path configDirectory;
    private final RuntimeSettings settings;

    public CaravanConfiguration(Path configDirectory, RuntimeSettings settings) {
        this.configDirectory = configDirectory;
        this.settings = settings;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        CaravanConfig config = ConfigLoader.withSystemEnvironment().load(configDirectory);
        StateDatabase database = StateDatabase.open(settings);
        context.addService(database, true, true);

        String nodeId = ClusterNode.newId();
        RunHistory history = new JdbcRunHistory(database.dataSource(), nodeId);
        SequenceHistory sequenceHistory = new JdbcSequenceHistory(database.dataSource(), history, nodeId);
        // Joins before anything runs (its start marks the runs of runtimes gone), leaves after the runs have ended.
        ClusterNode node = new ClusterNode(nodeId, new JdbcCluster(database.dataSource()), history, sequenceHistory,
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "caravan-heartbeat"));
        context.addService(node, true, true);
        context.getRegistry().bind("dataSource", database.dataSource());
        QuartzConnections.register(database.dataSource());
        context.getRegistry().bind("runHistory", history);
        StopSignal stopSignal = new StopSignal();
        context.getManagementStrategy().addEventNotifier(stopSignal);
        HttpConnections httpConnections = new HttpConnections(new RateLimiters());
        ApiSyncEngine apiSyncs = new ApiSyncEngine(config, database.dataSource(), new JdbcSyncStateStore(),
                new HttpSources(httpConnections, RetryPolicy.DEFAULT, stopSignal::isStopping), stopSignal);
        ExecutorService submittedRuns = context.getExecutorServiceManager().newThreadPool(this, "caravan-submitted-runs", 1, 4);
        ActivationEngine activations = new ActivationEngine(config, database.dataSource(), new JdbcSyncStateStore(), httpConnections,
                RetryPolicy.DEFAULT, stopSignal);
        JdbcSyncSwitches syncSwitches = new JdbcSyncSwitches(database.dataSource());
        SyncPauses pauses = new SyncPauses(syncSwitches);
        SyncStatusService statuses = new SyncStatusService(config, database.dataSource(), new JdbcSyncStateStore(), history, Clock.systemUTC(),
                pauses::isPaused);
        CaravanMetrics metrics = new CaravanMetrics(config, statuses, httpConnections);
        context.addStartupListener(metrics);
        context.addStartupListener(new StaleSchedules());
        SyncRunner runner = new SyncRunner(config, history, List.of(apiSyncs, activations), submittedRuns, syncSwitches, pauses, metrics, node);
        context.getRegistry().bind("syncRunner", runner);
        context.getRegistry().bind("stepJudge", new StepJudge(history));
        SequenceSwitches switches = new SequenceSwitches(new JdbcSequenceSwitches(database.dataSource()));
        SequenceRunner sequenceRunner = sequenceRunner(context, config, database.dataSource(), history, sequenceHistory, switches, stopSignal, metrics, node);
        context.getRegistry().bind("sequenceRunner", sequenceRunner);
        // Added after the database, so it stops before it.
        context.addService(sequenceRunner, true, true);
        // Camel's health registry collects HealthCheck beans when it starts.
        context.getRegistry().bind("caravan-database-health-check", new DatabaseHealthCheck(database.dataSource()));

        context.addRoutes(new ApiRoutes(config, settings, database.isEmbedded(), new ApiRoutes.Services(statuses, runner, history,
                new JdbcRejectedRows(database.dataSource()), activations, sequenceRunner, sequenceHistory, switches)));
        context.addRoutes(new ConsoleRoutes());
        context.addService(new CaravanMBeans(config, statuses, runner, sequenceRunner, sequenceHistory, switches,
                Boolean.parseBoolean(settings.get(CaravanProperty.JMX_OPERATIONS_ENABLED))), true, true);
        if (Boolean.parseBoolean(settings.get(CaravanProperty.DEMO_ENABLED))) {
            LOGGER.info("Demo CRM API enabled at /demo/{accounts,workspaces,contacts} (caravan.demo.enabled)");
            context.addRoutes(new DemoCrmRoutes());
        }
        CompiledRoutes.load(context, new RouteCompiler().compile(config));
        LOGGER.info("Configuration {}: {} connection(s), {} sync(s), {} sequence(s)", configDirectory,
                config.connections().size(), config.syncs().size(), config.sequences().size());
    }

    /** The sequence runner, with alerts and after-sequence triggers listening to the runs it finishes. */
    private SequenceRunner sequenceRunner(CamelContext context, CaravanConfig config, DataSource dataSource, RunHistory history,
                                          SequenceHistory sequenceHistory, SequenceSwitches switches, StopSignal stopSignal,
                                          CaravanMetrics metrics, RunLeases leases) {
        var threads = context.getExecutorServiceManager();
        AtomicReference<SequenceRunner> self = new AtomicReference<>();
        AlertChannels channels = new AlertChannels(threads.newSingleThreadExecutor(this, "caravan-alerts"));
        List<SequenceListener> listeners = List.of(new SequenceAlerts(config, new JdbcAlertStates(dataSource), channels),
                new AfterSequenceTriggers(config, self::get), metrics);
        SequenceRunner runner = new SequenceRunner(config, sequenceHistory, history, switches, new CamelStepInvoker(context.createProducerTemplate()),
                threads.newCachedThreadPool(this, "caravan-sequence-runs"), threads.newCachedThreadPool(this, "caravan-sequence-steps"),
                stopSignal::isStopping, listeners, leases);
        self.set(runner);
        return runner;
    }
}
