package dev.caravan.runtime;

import dev.caravan.cli.ExitCodes;
import dev.caravan.config.CaravanProperty;
import dev.caravan.model.Secret;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Builds the Camel Main that runs Caravan on a configuration folder. Camel settings come from
 * built-in defaults ({@code classpath:caravan-camel.properties}), overridden by the folder's
 * {@code application.properties}, then by the environment ({@link CamelEnvironment}), then by
 * {@code overrides} (tests).
 */
public final class CaravanRuntime {
    private static final Logger LOGGER = LoggerFactory.getLogger(CaravanRuntime.class);
    private static final Set<CaravanProperty> SECRETS = Set.of(CaravanProperty.DB_PASSWORD, CaravanProperty.API_TOKEN,
            CaravanProperty.DBT_CLOUD_WEBHOOK_SECRET);

    private final Path configDirectory;
    private final Map<String, String> overrides;

    public CaravanRuntime(Path configDirectory) {
        this(configDirectory, Map.of());
    }

    public CaravanRuntime(Path configDirectory, Map<String, String> overrides) {
        this.configDirectory = configDirectory;
        this.overrides = Map.copyOf(overrides);
    }

    public Main createMain() {
        RuntimeSettings settings = RuntimeSettings.load(configDirectory, overrides, System::getenv);
        Main main = new Main();
        // The first location that has a key wins: the folder's file before the built-in defaults.
        main.setDefaultPropertyPlaceholderLocation("file:" + configDirectory.resolve("application.properties")
                + ";optional=true,classpath:caravan-camel.properties");
        SECRETS.forEach(secret -> settings.find(secret).ifPresent(Secret::remember));
        for (CaravanProperty property : CaravanProperty.values()) {
            if (!SECRETS.contains(property)) {
                settings.find(property).ifPresent(value -> main.addInitialProperty(property.key(), value));
            }
        }
        CamelEnvironment.properties(System.getenv()).forEach(main::addOverrideProperty);
        overrides.forEach(main::addOverrideProperty);
        if (settings.find(CaravanProperty.API_TOKEN).isEmpty()) {
            LOGGER.warn("No API token is configured (CARAVAN_API_TOKEN): the HTTP API listens on 127.0.0.1 only");
            main.addOverrideProperty("camel.server.host", "127.0.0.1");
        }
        // Bound before Camel's metrics service starts, which takes this registry instead of making its own.
        main.bind("metricsRegistry", CaravanMetrics.prometheusRegistry());
        main.configure().addConfiguration(new CaravanConfiguration(configDirectory, settings));
        return main;
    }

    /** Runs until the process is asked to stop; returns the exit code. */
    public int run() {
        Main main = createMain();
        try {
            main.run();
            return main.getExitCode();
        } catch (Exception e) {
            LOGGER.error("Caravan failed: {}", e.getMessage(), e);
            return ExitCodes.RUNTIME_FAILURE;
        }
    }
}
