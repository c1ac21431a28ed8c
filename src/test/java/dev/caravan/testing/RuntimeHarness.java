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
    private final Path configDirectory;

    private RuntimeHarness(Main main, int apiPort, int managementPort, Path configDirectory) {
        this.configDirectory = configDirectory;
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
        return new RuntimeHarness(main, apiPort, managementPort, configDirectory);
    }

    /** Starts on a fresh test database. */
    public static RuntimeHarness startOnTestDatabase(Path configDirectory, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("caravan.db.url", TestDatabase.createDatabase());
        all.putIfAbsent("caravan.db.user", TestDatabase.user());
        all.putIfAbsent("caravan.db.password", TestDatabase.password());
        return start(configDirectory, all);
    }

    /** The folder the runtime read its configuration from; tests edit it and reload. */
    public Path configDirectory() {
        return configDirectory;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public javax.sql.DataSource dataSource() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("dataSource", javax.sql.DataSource.class);
    }

    public dev.caravan.state.RunHistory runHistory() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("runHistory", dev.caravan.state.RunHistory.class);
    }

    /** Runs sync {@code id} once, as a manual trigger; a failed run throws. */
    public void runSync(String id) {
        main.getCamelContext().createProducerTemplate().sendBody("direct:sync-" + id, null);
    }

    /** The newest run of sync {@code id}. */
    public dev.caravan.state.SyncRun lastRun(String id) {
        return runHistory().recent(id, 1).get(0);
    }

    public java.util.List<String> sql(String query) {
        return Sql.column(dataSource(), query);
    }

    public void execute(String statements) {
        Sql.execute(dataSource(), statements);
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
