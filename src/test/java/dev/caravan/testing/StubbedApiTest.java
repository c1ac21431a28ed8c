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

    /**
     * An HTTP connection to the stubbed API with a bearer token from {@code ${env:TOKEN}} (default
     * {@code token}, since secrets must come from the environment), and a generous budget plus {@code rateLimitExtra} (such as quota headers).
     */
    protected static String bearerConnection(String id, String token, String rateLimitExtra) {
        return "kind: connection\nid: " + id + "\ntype: http\nbaseUrl: " + api.baseUrl() + "\n"
                + "auth: { type: bearer, token: \"${env:TOKEN:-" + token + "}\" }\n"
                + "rateLimit: { requests: 100, per: 1s, maxWait: 3s" + rateLimitExtra + " }\n";
    }

    @AfterAll
    static void stopApiAndRuntime() throws Exception {
        stubbed.close();
    }
}
