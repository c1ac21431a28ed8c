package dev.caravan.runtime.apisync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.caravan.state.RunStatus;
import dev.caravan.testing.Http;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.TestConfig;
import dev.caravan.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Shared rate budgets and crash recovery, measured from WireMock's request journal. */
class ApiSyncResilienceIT {
    private static final int PAGES = 10;
    private WireMockServer api;

    @BeforeEach
    void startApi() {
        api = new WireMockServer(options().dynamicPort().containerThreads(20));
        api.start();
    }

    @AfterEach
    void stopApi() {
        api.stop();
    }

    private Map<String, String> config(String rateLimit) {
        return Map.of(
                "connections/warehouse.yaml", TestConfig.warehouse(),
                "connections/api.yaml", "kind: connection\nid: api\ntype: http\nbaseUrl: " + api.baseUrl() + "\n" + rateLimit,
                "syncs/alpha.yaml", sync("alpha"),
                "syncs/beta.yaml", sync("beta"));
    }

    private static String sync(String id) {
        return "kind: sync\nid: " + id + "\nsource: { connection: api, path: /" + id + ", records: $.data, primaryKey: [id], "
                + "pagination: { type: page, sizeParam: size, size: 3 }, total: { path: $.total } }\ndestination: { connection: warehouse, table: r." + id + " }\n";
    }

    private void stubPages(String collection) {
        for (int page = 1; page <= PAGES; page++) {
            int last = page == PAGES ? 1 : 3;
            StringBuilder data = new StringBuilder("[");
            for (int i = 0; i < last; i++) {
                data.append(i > 0 ? "," : "").append("{\"id\": ").append((page - 1) * 3 + i + 1).append("}");
            }
            api.stubFor(get(urlPathEqualTo("/" + collection)).withQueryParam("page", equalTo(Integer.toString(page)))
                    .willReturn(okJson("{\"total\": 28, \"data\": " + data + "]}")));
        }
    }

    @Test
    void twoSyncsOnOneConnectionShareItsBudget(@TempDir Path dir) throws Exception {
        stubPages("alpha");
        stubPages("beta");
        try (RuntimeHarness runtime = RuntimeHarness.startOnTestDatabase(TestConfig.write(dir,
                config("rateLimit: { requests: 10, per: 1s, share: 0.5 }\n")), Map.of())) {
            CompletableFuture<Void> alpha = CompletableFuture.runAsync(() -> runtime.runSync("alpha"));
            CompletableFuture<Void> beta = CompletableFuture.runAsync(() -> runtime.runSync("beta"));
            CompletableFuture.allOf(alpha, beta).get(60, TimeUnit.SECONDS);

            assertThat(runtime.sql("SELECT count(*) FROM r.alpha")).containsExactly("28");
            assertThat(runtime.sql("SELECT count(*) FROM r.beta")).containsExactly("28");
        }
        List<Long> times = new ArrayList<>(api.findAll(getRequestedFor(urlPathMatching("/(alpha|beta)"))).stream()
                .map(r -> r.getLoggedDate().getTime()).sorted().toList());
        assertThat(times).hasSize(2 * PAGES);
        // budget: 10 requests/s * 0.5 = 5 per second for both syncs together
        assertThat(maxInAnyWindow(times, 1000)).isLessThanOrEqualTo(6);
        // from the second request on: the first one's arrival is late by the client's warm-up
        // (connection, class loading), which would shorten the span and inflate the rate
        double rate = (times.size() - 2) * 1000.0 / (times.get(times.size() - 1) - times.get(1));
        assertThat(rate).isLessThanOrEqualTo(5.2);
    }

    private static int maxInAnyWindow(List<Long> sortedTimes, long windowMillis) {
        int max = 0;
        for (int i = 0, j = 0; i < sortedTimes.size(); i++) {
            while (sortedTimes.get(i) - sortedTimes.get(j) >= windowMillis) {
                j++;
            }
            max = Math.max(max, i - j + 1);
        }
        return max;
    }

    @Test
    void aHardStopMidBackfillResumesAtTheInterruptedPage(@TempDir Path dir) throws Exception {
        stubPages("alpha");
        api.stubFor(get(urlPathEqualTo("/alpha")).withQueryParam("page", equalTo("6"))
                .willReturn(okJson("{\"data\": [{\"id\": 16}, {\"id\": 17}, {\"id\": 18}]}").withFixedDelay(4000)));
        Path config = TestConfig.write(dir, config(""));
        Map<String, String> database = Map.of("caravan.db.url", TestDatabase.createDatabase(), "caravan.db.user", TestDatabase.user(),
                "caravan.db.password", TestDatabase.password(), "camel.main.shutdown-timeout", "1");

        RuntimeHarness first = RuntimeHarness.start(config, database);
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> first.runSync("alpha"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !requestsFor(6).isEmpty());
        first.close();
        assertThat(run).failsWithin(Duration.ofSeconds(20));

        stubPages("alpha");
        try (RuntimeHarness second = RuntimeHarness.start(config, database)) {
            assertThat(second.lastRun("alpha").status()).isEqualTo(RunStatus.INTERRUPTED);
            JsonNode progress = new ObjectMapper().readTree(Http.get(second.api("/api/syncs/alpha")).body()).path("backfill");
            assertThat(progress.path("records").asLong()).isEqualTo(15);
            assertThat(progress.path("total").asLong()).as("the total the API reported").isEqualTo(28);
            assertThat(progress.path("etaSeconds").asDouble()).as("13 records to go at the rate so far").isPositive();
            second.runSync("alpha");

            assertThat(second.sql("SELECT count(*) || ':' || count(DISTINCT id) || ':' || sum(id) FROM r.alpha"))
                    .containsExactly("28:28:" + (28 * 29 / 2));
        }
        for (int page = 1; page <= PAGES; page++) {
            assertThat(requestsFor(page)).as("requests for page %d", page).hasSize(page == 6 ? 2 : 1);
        }
    }

    private List<LoggedRequest> requestsFor(int page) {
        return api.findAll(getRequestedFor(urlPathEqualTo("/alpha")).withQueryParam("page", equalTo(Integer.toString(page))));
    }
}
