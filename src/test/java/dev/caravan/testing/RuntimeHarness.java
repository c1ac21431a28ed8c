package dev.caravan.testing;

import dev.caravan.runtime.CaravanRuntime;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Boots the real Caravan runtime (Camel Main, as {@code caravan run} does) in the test JVM on
 * free ports, against the given configuration folder and settings.
 */
public final class RuntimeHarness implements AutoCloseable {
    public static final Path REPO_ROUTES = Path.of("routes").toAbsolutePath();

    private final Main main;
    private final int apiPort;
    private final int managementPort;

    private RuntimeHarness(Main main, int apiPort, int managementPort) {
        this.main = main;
        this.apiPort = apiPort;
        this.managementPort = managementPort;
    }

    /** Starts on {@code configDirectory}; {@code settings} override anything (e.g. caravan.db.url). */
    public static RuntimeHarness start(Path configDirectory, Map<String, String> settings) throws Exception {
        int apiPort = FreePort.find();
        int managementPort = FreePort.find();
        Map<String, String> overrides = new HashMap<>();
        overrides.put("camel.server.port", Integer.toString(apiPort));
        overrides.put("camel.management.port", Integer.toString(managementPort));
        overrides.put("camel.main.routes-include-pattern", "file:" + REPO_ROUTES + "/*.camel.yaml");
        overrides.putAll(settings);
        Main main = new CaravanRuntime(configDirectory, overrides).createMain();
        main.start();
        return new RuntimeHarness(main, apiPort, managementPort);
    }

    /** Starts on a fresh test database. */
    public static RuntimeHarness startOnTestDatabase(Path configDirectory, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("caravan.db.url", TestDatabase.createDatabase());
        all.putIfAbsent("caravan.db.user", TestDatabase.user());
        all.putIfAbsent("caravan.db.password", TestDatabase.password());
        return start(configDirectory, all);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public String api(String path) {
        return "http://127.0.0.1:" + apiPort + path;
    }

    public String management(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
