package dev.caravan.runtime;

import dev.caravan.api.ApiRoutes;
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
import dev.caravan.state.StateDatabase;
import dev.caravan.state.jdbc.JdbcRejectedRows;
import dev.caravan.state.jdbc.JdbcRunHistory;
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

        RunHistory history = new JdbcRunHistory(database.dataSource());
        int interrupted = history.markInterrupted();
        if (interrupted > 0) {
            LOGGER.warn("{} run(s) were still running when the runtime last stopped; marked interrupted", interrupted);
        }
        context.getRegistry().bind("dataSource", database.dataSource());
        context.getRegistry().bind("runHistory", history);
        StopSignal stopSignal = new StopSignal();
        context.getManagementStrategy().addEventNotifier(stopSignal);
        HttpConnections httpConnections = new HttpConnections(new RateLimiters());
        ApiSyncEngine apiSyncs = new ApiSyncEngine(config, database.dataSource(), new JdbcSyncStateStore(),
                new HttpSources(httpConnections, RetryPolicy.DEFAULT, stopSignal::isStopping), stopSignal);
        ExecutorService submittedRuns = context.getExecutorServiceManager().newThreadPool(this, "caravan-submitted-runs", 1, 4);
        ActivationEngine activations = new ActivationEngine(config, database.dataSource(), new JdbcSyncStateStore(), httpConnections,
                RetryPolicy.DEFAULT, stopSignal);
        SyncRunner runner = new SyncRunner(config, history, List.of(apiSyncs, activations), submittedRuns);
        context.getRegistry().bind("syncRunner", runner);
        // Camel's health registry collects HealthCheck beans when it starts.
        context.getRegistry().bind("caravan-database-health-check", new DatabaseHealthCheck(database.dataSource()));

        SyncStatusService statuses = new SyncStatusService(config, database.dataSource(), new JdbcSyncStateStore(), history, Clock.systemUTC());
        context.addStartupListener(new SyncLagMetrics(config, statuses));
        context.addRoutes(new ApiRoutes(config, settings, database.isEmbedded(), statuses, runner, history,
                new JdbcRejectedRows(database.dataSource()), activations));
        if (Boolean.parseBoolean(settings.get(CaravanProperty.DEMO_ENABLED))) {
            LOGGER.info("Demo CRM API enabled at /demo/{accounts,workspaces,contacts} (caravan.demo.enabled)");
            context.addRoutes(new DemoCrmRoutes());
        }
        CompiledRoutes.load(context, new RouteCompiler().compile(config));
        LOGGER.info("Configuration {}: {} connection(s), {} sync(s), {} sequence(s)", configDirectory,
                config.connections().size(), config.syncs().size(), config.sequences().size());
    }
}
