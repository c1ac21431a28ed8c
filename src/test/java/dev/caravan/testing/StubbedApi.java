package dev.caravan.testing;

import com.github.tomakehurst.wiremock.WireMockServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock API and a runtime whose configuration points at it: start the API, write the
 * configuration with {@link #baseUrl()}, then start the runtime (with connection {@code warehouse}).
 */
public final class StubbedApi implements AutoCloseable {
    private final WireMockServer api;
    private RuntimeHarness runtime;

    private StubbedApi(WireMockServer api) {
        this.api = api;
    }

    public static StubbedApi start() {
        WireMockServer api = new WireMockServer(options().dynamicPort());
        api.start();
        return new StubbedApi(api);
    }

    public String baseUrl() {
        return api.baseUrl();
    }

    public WireMockServer api() {
        return api;
    }

    /** Starts the runtime on a fresh test database with {@code files} plus the warehouse connection. */
    public RuntimeHarness startRuntime(Map<String, String> files) throws Exception {
        return startRuntime(files, Map.of());
    }

    /** As {@link #startRuntime(Map)}, with runtime settings such as {@code caravan.api.token}. */
    public RuntimeHarness startRuntime(Map<String, String> files, Map<String, String> settings) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(files);
        all.putIfAbsent("connections/warehouse.yaml", TestConfig.warehouse());
        try {
            runtime = RuntimeHarness.startOnTestDatabase(TestConfig.write(Files.createTempDirectory("caravan-stubbed"), all), settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runtime;
    }

    @Override
    public void close() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        api.stop();
    }
}
