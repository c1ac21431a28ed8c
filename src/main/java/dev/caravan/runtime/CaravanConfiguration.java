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
import dev.caravan.runtime.apisync.SyncRedefinitions;
import dev.caravan.state.jdbc.JdbcSyncDefinitions;
import dev.caravan.state.jdbc.JdbcSyncStateStore;
import dev.caravan.compiler.RouteCompiler;
import dev.caravan.config.CaravanProperty;
import dev.caravan.config.ConfigLoader;
import dev.caravan.demo.DemoCrmRoutes;
import dev.caravan.model.LiveConfig;
import dev.caravan.ops.DatabaseHealthCheck;
import dev.caravan.state.RunHistory;
import dev.caravan.state.QuartzConnections;
import dev.caravan.state.StateDatabase;
import dev.caravan.state.jdbc.JdbcRejectedRows;
import dev.caravan.state.jdbc.JdbcRunHistory;
import dev.caravan.runtime.alert.AlertChannels;
import dev.caravan.runtime.alert.SequenceAlerts;
import dev.caravan.runtime.alert.SyncAlerts;
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
import dev.caravan.state.PendingRemovals;
import dev.caravan.state.jdbc.JdbcPendingRemovals;
import dev.caravan.state.jdbc.JdbcScanSuspects;
import dev.caravan.state.jdbc.JdbcConfigReloads;
import dev.caravan.runtime.reload.ConfigReloader;
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
import java.util.concurrent.TimeUnit;

/**
 * Wires one runtime into the Camel context: loads the configuration, opens the state database,
 * binds the beans the routes call, and adds the API and the compiled routes.
 */
public final class CaravanConfiguration implements CamelConfiguration {
    private static final Logger LOGGER = LoggerFactory.getLogger(CaravanConfiguration.class);
    private static final long LAG_CHECK_SECONDS = 5;

    private final Path configDirectory;
    private final RuntimeSettings settings;

    public CaravanConfiguration(Path configDirectory, RuntimeSettings settings) {
        this.configDirectory = configDirectory;
        this.settings = settings;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        LiveConfig config = new LiveConfig(ConfigLoader.withSystemEnvironment().load(configDirectory));
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
        JdbcSyncSwitches syncSwitches = new JdbcSyncSwitches(database.dataSource());
        PendingRemovals pendingRemovals = new JdbcPendingRemovals(database.dataSource());
        ReconciliationCounters reconciliationCounters = new ReconciliationCounters();
        ApiSyncEngine apiSyncs = new ApiSyncEngine(config, database.dataSource(), new JdbcSyncStateStore(),
                new HttpSources(httpConnections, RetryPolicy.DEFAULT, stopSignal::isStopping), stopSignal,
                new SyncRedefinitions(new JdbcSyncDefinitions(database.dataSource()), syncSwitches),
                new ApiSyncEngine.Reconciling(new JdbcScanSuspects(), pendingRemovals, history, reconciliationCounters));
        ExecutorService submittedRuns = context.getExecutorServiceManager().newThreadPool(this, "caravan-submitted-runs", 1, 4);
        ActivationEngine activations = new ActivationEngine(config, database.dataSource(), new JdbcSyncStateStore(), httpConnections,
                RetryPolicy.DEFAULT, stopSignal, pendingRemovals);
        SyncPauses pauses = new SyncPauses(syncSwitches);
        SyncStatusService statuses = new SyncStatusService(config, database.dataSource(), new JdbcSyncStateStore(), history, Clock.systemUTC(),
                pauses::isPaused, pendingRemovals);
        CaravanMetrics metrics = new CaravanMetrics(config, statuses, httpConnections, reconciliationCounters, pendingRemovals);
        context.addStartupListener(metrics);
        context.addStartupListener(new StaleSchedules());
        AlertChannels alertChannels = new AlertChannels(context.getExecutorServiceManager().newSingleThreadExecutor(this, "caravan-alerts"));
        SyncAlerts syncAlerts = syncAlerts(context, config, database.dataSource(), statuses, history, alertChannels, pendingRemovals);
        SyncRunner.Observer observers = (syncId, status, rows, took) -> {
            metrics.syncRunFinished(syncId, status, rows, took);
            syncAlerts.syncRunFinished(syncId, status, rows, took);
        };
        SyncRunner runner = new SyncRunner(config, history, List.of(apiSyncs, activations), submittedRuns, syncSwitches, pauses, observers, node);
        context.getRegistry().bind("syncRunner", runner);
        context.getRegistry().bind("stepJudge", new StepJudge(history));
        SequenceSwitches switches = new SequenceSwitches(new JdbcSequenceSwitches(database.dataSource()));
        SequenceRunner sequenceRunner = sequenceRunner(context, config, database.dataSource(), history, sequenceHistory, switches, stopSignal, metrics, node,
                alertChannels);
        context.getRegistry().bind("sequenceRunner", sequenceRunner);
        // Added after the database, so it stops before it.
        context.addService(sequenceRunner, true, true);
        // Camel's health registry collects HealthCheck beans when it starts.
        context.getRegistry().bind("caravan-database-health-check", new DatabaseHealthCheck(database.dataSource()));

        WebhookPolls webhookPolls = new WebhookPolls(runner, pauses,
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "caravan-webhook-polls"));
        JdbcConfigReloads reloads = new JdbcConfigReloads(database.dataSource());
        context.addRoutes(new ApiRoutes(config, settings, database.isEmbedded(), new ApiRoutes.Services(statuses, runner, history,
                new JdbcRejectedRows(database.dataSource()), activations, sequenceRunner, sequenceHistory, switches, webhookPolls,
                new ConfigReloader(configDirectory, config, context, httpConnections, reloads), reloads, new RemovalApprovals(pendingRemovals, runner))));
        context.addRoutes(new ConsoleRoutes());
        context.addService(new CaravanMBeans(config, statuses, runner, sequenceRunner, sequenceHistory, switches,
                Boolean.parseBoolean(settings.get(CaravanProperty.JMX_OPERATIONS_ENABLED))), true, true);
        if (Boolean.parseBoolean(settings.get(CaravanProperty.DEMO_ENABLED))) {
            LOGGER.info("Demo CRM API enabled at /demo/{accounts,workspaces,contacts} (caravan.demo.enabled)");
            context.addRoutes(new DemoCrmRoutes());
        }
        CompiledRoutes.load(context, new RouteCompiler().compile(config.current()));
        LOGGER.info("Configuration {}: {} connection(s), {} sync(s), {} sequence(s)", configDirectory,
                config.current().connections().size(), config.current().syncs().size(), config.current().sequences().size());
    }

    /** Sync alerts, told of every run's end and checking lag between runs too. */
    private SyncAlerts syncAlerts(CamelContext context, LiveConfig config, DataSource dataSource, SyncStatusService statuses, RunHistory history,
                                  AlertChannels channels, PendingRemovals pendingRemovals) {
        SyncAlerts alerts = new SyncAlerts(config, new JdbcAlertStates(dataSource), channels, statuses, history, pendingRemovals);
        context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "caravan-lag-alerts")
                .scheduleWithFixedDelay(alerts::checkLag, LAG_CHECK_SECONDS, LAG_CHECK_SECONDS, TimeUnit.SECONDS);
        return alerts;
    }

    /** The sequence runner, with alerts and after-sequence triggers listening to the runs it finishes. */
    private SequenceRunner sequenceRunner(CamelContext context, LiveConfig config, DataSource dataSource, RunHistory history,
                                          SequenceHistory sequenceHistory, SequenceSwitches switches, StopSignal stopSignal,
                                          CaravanMetrics metrics, RunLeases leases, AlertChannels channels) {
        var threads = context.getExecutorServiceManager();
        AtomicReference<SequenceRunner> self = new AtomicReference<>();
        List<SequenceListener> listeners = List.of(new SequenceAlerts(config, new JdbcAlertStates(dataSource), channels),
                new AfterSequenceTriggers(config, self::get), metrics);
        SequenceRunner runner = new SequenceRunner(config, sequenceHistory, history, switches, new CamelStepInvoker(context.createProducerTemplate()),
                threads.newCachedThreadPool(this, "caravan-sequence-runs"), threads.newCachedThreadPool(this, "caravan-sequence-steps"),
                stopSignal::isStopping, listeners, leases);
        self.set(runner);
        return runner;
    }
}
