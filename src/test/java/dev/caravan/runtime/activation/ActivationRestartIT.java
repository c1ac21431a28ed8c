package dev.caravan.runtime.activation;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.caravan.state.RunStatus;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;
import dev.caravan.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A runtime stopped hard in the middle of an activation, then started again: every row arrives exactly once. */
class ActivationRestartIT {
    private static final int ROWS = 60;
    private WireMockServer api;

    @BeforeEach
    void startApi() {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        api.stubFor(post(urlEqualTo("/rows")).willReturn(aResponse().withStatus(201).withFixedDelay(50)));
    }

    @AfterEach
    void stopApi() {
        api.stop();
    }

    @Test
    void aHardStopMidRunLosesNothingAndSendsNothingTwice(@TempDir Path dir) throws Exception {
        Path config = TestConfig.write(dir, Map.of(
                "connections/warehouse.yaml", TestConfig.warehouse(),
                "connections/api.yaml", "kind: connection\nid: api\ntype: http\nbaseUrl: " + api.baseUrl() + "\n",
                "syncs/push.yaml", "kind: sync\nid: push\nsource: { connection: warehouse, query: \"select id, 'row ' || id as label from generate_series(1, "
                        + ROWS + ") id\", primaryKey: [id] }\ndestination:\n  connection: api\n  mode: upsert\n"
                        + "  insert: { method: POST, path: /rows }\n  update: { method: PATCH, path: \"/rows/{id}\" }\n"));
        Map<String, String> database = Map.of("caravan.db.url", TestDatabase.createDatabase(), "caravan.db.user", TestDatabase.user(),
                "caravan.db.password", TestDatabase.password(), "camel.main.shutdown-timeout", "1");

        RuntimeHarness first = RuntimeHarness.start(config, database);
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> first.runSync("push"));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.findAll(postRequestedFor(urlEqualTo("/rows"))).size() >= ROWS / 3);
        first.close();
        // the run ends after the row in flight, recorded interrupted (or the forced stop ends it)
        assertThat(run).succeedsWithin(Duration.ofSeconds(20));
        int sentBeforeTheStop = api.findAll(postRequestedFor(urlEqualTo("/rows"))).size();
        assertThat(sentBeforeTheStop).isBetween(ROWS / 3, ROWS - 1);

        try (RuntimeHarness second = RuntimeHarness.start(config, database)) {
            assertThat(second.lastRun("push").status()).isEqualTo(RunStatus.INTERRUPTED);
            second.runSync("push");
            assertThat(second.lastRun("push").rows().delivered()).isEqualTo(ROWS - sentBeforeTheStop);
            assertThat(second.sql("SELECT count(*) FROM caravan.activation_snapshots WHERE sync_id = 'push'")).containsExactly(Integer.toString(ROWS));
        }
        Map<String, Long> sendsPerRow = api.findAll(postRequestedFor(urlEqualTo("/rows"))).stream()
                .map(LoggedRequest::getBodyAsString).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(sendsPerRow).hasSize(ROWS);
        assertThat(sendsPerRow.values()).allMatch(count -> count == 1);
    }
}
