package dev.caravan.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/**
 * Base of the integration tests that run one runtime against one WireMock API for the whole
 * class: the API starts first, the subclass's own {@code @BeforeAll} writes its configuration with
 * {@code api.baseUrl()} and calls {@link #startRuntime}, and both stop after the last test.
 */
public abstract class StubbedApiTest {
    protected static StubbedApi stubbed;
    protected static WireMockServer api;
    protected static RuntimeHarness runtime;

    @BeforeAll
    static void startApi() {
        stubbed = StubbedApi.start();
        api = stubbed.api();
    }

    /** Starts the runtime on a fresh test database with {@code files} plus the warehouse connection. */
    protected static void startRuntime(Map<String, String> files) throws Exception {
        runtime = stubbed.startRuntime(files);
    }

    protected static void startRuntime(Map<String, String> files, Map<String, String> settings) throws Exception {
        runtime = stubbed.startRuntime(files, settings);
    }

    @AfterAll
    static void stopApiAndRuntime() throws Exception {
        stubbed.close();
    }
}
