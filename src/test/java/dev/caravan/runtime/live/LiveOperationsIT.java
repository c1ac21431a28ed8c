package dev.caravan.runtime.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.caravan.cli.CaravanCommand;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SyncRun;
import dev.caravan.testing.Http;
import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Live operations on one running runtime: reloading the configuration (while a run goes on, and
 * with broken files), sync-level notifications on a webhook channel, and webhook-triggered polls.
 */
class LiveOperationsIT extends StubbedApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK_SECRET = "0123456789abcdef0123";
    private static final String DATA = "{\"data\": [{\"id\": 1, \"updated_at\": \"2026-11-01T10:00:00Z\"}, {\"id\": 2, \"updated_at\": \"2026-11-01T10:01:00Z\"}]}";

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/api.yaml", "kind: connection\nid: api\ntype: http\nbaseUrl: " + api.baseUrl() + "\nrateLimit: { requests: 100, per: 1s }\n");
        files.put("channels/hooks.yaml", "kind: channel\nid: hooks\ntype: webhook\nurl: \"${env:HOOKS_URL:-" + api.baseUrl() + "/alerts}\"\n");
        files.put("syncs/slow.yaml", apiSync("slow", ""));
        files.put("syncs/ticker.yaml", apiSync("ticker", "schedule: { every: 1h }\n"));
        files.put("syncs/watched.yaml", apiSync("watched", "alerts: { channels: [hooks], failures: 2, lag: 2s }\n"));
        files.put("syncs/hooked.yaml", apiSync("hooked", "webhook: { secret: \"${env:HOOKED_SECRET:-" + HOOK_SECRET + "}\", debounce: 400ms }\n"));
        files.put("syncs/pushed.yaml", """
                kind: sync
                id: pushed
                source: { connection: warehouse, query: "select id, email from app.pushed", primaryKey: [id] }
                destination: { connection: api, mode: upsert, insert: { method: POST, path: /pushed }, update: { method: POST, path: /pushed } }
                alerts: { channels: [hooks], rejected: 0 }
                """);
        startRuntime(files);
        runtime.execute("CREATE SCHEMA app");
        api.stubFor(post(urlPathEqualTo("/alerts")).willReturn(ok()));
    }

    static String apiSync(String id, String extra) {
        return "kind: sync\nid: " + id + "\nsource:\n  connection: api\n  path: /" + id + "\n  records: $.data\n  primaryKey: [id]\n"
                + "  incremental: { cursorField: updated_at, param: since }\n"
                + "destination: { connection: warehouse, table: live." + id + " }\n" + extra;
    }

    private static void write(String file, String content) throws Exception {
        Files.writeString(runtime.configDirectory().resolve(file), content);
    }

    private static HttpResponse<String> reload() {
        return Http.send("POST", runtime.api("/api/config/reload"), "", "X-Caravan-Actor", "LiveOperationsIT");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static List<SyncRun> runs(String syncId) {
        return runtime.runHistory().recent(syncId, 100);
    }

    @Test
    void aReloadChangesAScheduleAndAddsASyncWhileAnotherSyncIsMidRun() throws Exception {
        api.stubFor(get(urlPathEqualTo("/slow")).willReturn(okJson(DATA).withFixedDelay(2500)));
        api.stubFor(get(urlPathEqualTo("/ticker")).willReturn(okJson(DATA)));
        api.stubFor(get(urlPathEqualTo("/added")).willReturn(okJson(DATA)));
        String originalTicker = Files.readString(runtime.configDirectory().resolve("syncs/ticker.yaml"));
        Http.send("POST", runtime.api("/api/syncs/slow/runs"), "");
        await("the slow run to start", () -> !runs("slow").isEmpty() && runs("slow").get(0).status() == RunStatus.RUNNING);
        int tickerRunsBefore = runs("ticker").size();

        write("syncs/ticker.yaml", originalTicker.replace("every: 1h", "every: 1s"));
        write("syncs/added.yaml", apiSync("added", ""));
        HttpResponse<String> response = reload();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.path("status").asText()).isEqualTo("applied");
        assertThat(result.path("added").toString()).isEqualTo("[\"sync/added\"]");
        assertThat(result.path("changed").toString()).isEqualTo("[\"sync/ticker\"]");
        assertThat(result.path("routesReplaced").toString()).contains("sync.ticker.schedule").contains("sync.added").doesNotContain("sync.slow");
        assertThat(runs("slow").get(0).status()).as("the slow run is still going").isEqualTo(RunStatus.RUNNING);

        await("the slow run to finish", () -> runs("slow").get(0).status() == RunStatus.SUCCEEDED);
        assertThat(runs("slow").get(0).rows().read()).isEqualTo(2);
        await("the new schedule to fire twice", () -> runs("ticker").stream().filter(r -> "schedule".equals(r.trigger())).count() >= tickerRunsBefore + 2);
        runtime.runSync("added");
        assertThat(runtime.sql("SELECT count(*) FROM live.added")).containsExactly("2");
        JsonNode reloads = JSON.readTree(Http.get(runtime.api("/api/config/reloads?limit=1")).body()).path("reloads").get(0);
        assertThat(reloads.path("actor").asText()).startsWith("LiveOperationsIT");
        assertThat(reloads.path("status").asText()).isEqualTo("applied");
        assertThat(reloads.path("changed").toString()).isEqualTo("[\"sync/ticker\"]");

        write("syncs/ticker.yaml", originalTicker);
        assertThat(JSON.readTree(reload().body()).path("changed").toString()).isEqualTo("[\"sync/ticker\"]");
    }

    @Test
    void aReloadWithBrokenFilesKeepsTheRunningConfigurationAndListsEveryProblem() throws Exception {
        Path ticker = runtime.configDirectory().resolve("syncs/ticker.yaml");
        String originalTicker = Files.readString(ticker);
        write("syncs/broken.yaml", "kind: sync\nid: broken\nsource: { connection: api, path: /x, primaryKey: [id], pagnation: { type: page } }\n"
                + "destination: { connection: warehouse, table: live.broken }\n");
        write("syncs/ticker.yaml", originalTicker.replace("every: 1h", "every: soon"));

        HttpResponse<String> response = reload();

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("error").asText()).isEqualTo("invalid_config");
        assertThat(error.path("details").path("problems").toString()).contains("syncs/broken.yaml:3: source.pagnation: unknown key (did you mean 'pagination'?)")
                .contains("syncs/ticker.yaml").contains("schedule.every");
        assertThat(CaravanCommand.commandLine().execute("reload", "--url", runtime.api(""))).as("the CLI exits 2 on an invalid configuration").isEqualTo(2);
        assertThat(Http.get(runtime.api("/api/syncs/broken")).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(Http.get(runtime.api("/api/syncs/ticker")).body()).path("schedule").toString()).isEqualTo("{\"every\":\"1h\"}");
        api.stubFor(get(urlPathEqualTo("/ticker")).willReturn(okJson(DATA)));
        runtime.runSync("ticker");
        assertThat(JSON.readTree(Http.get(runtime.api("/api/config/reloads?limit=1")).body()).path("reloads").get(0).path("status").asText())
                .isEqualTo("rejected");

        Files.delete(runtime.configDirectory().resolve("syncs/broken.yaml"));
        write("syncs/ticker.yaml", originalTicker);
        assertThat(CaravanCommand.commandLine().execute("reload", "--url", runtime.api(""))).isZero();
    }

    @Test
    void eachSyncNotificationFiresOnceAndRecoversOnce() throws Exception {
        api.stubFor(get(urlPathEqualTo("/watched")).withQueryParam("since", absent()).willReturn(okJson(DATA)));
        runtime.runSync("watched");
        api.stubFor(get(urlPathEqualTo("/watched")).withQueryParam("since", matching(".+"))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\": \"bad since\"}")));
        for (int i = 0; i < 3; i++) {
            assertThat(catchThrowable(() -> runtime.runSync("watched"))).isNotNull();
        }
        await("the lag alert", () -> alerts("sync.lagging").size() == 1);
        api.stubFor(get(urlPathEqualTo("/watched")).withQueryParam("since", matching(".+")).willReturn(okJson("{\"data\": []}")));
        runtime.runSync("watched");
        runtime.runSync("watched");

        runtime.execute("CREATE TABLE app.pushed (id int PRIMARY KEY, email text); INSERT INTO app.pushed VALUES (1, 'a@x.io'), (2, 'bad')");
        api.stubFor(post(urlPathEqualTo("/pushed")).withRequestBody(containing("bad")).willReturn(aResponse().withStatus(422).withBody("{\"error\": \"invalid email\"}")));
        api.stubFor(post(urlPathEqualTo("/pushed")).withRequestBody(containing("x.io")).willReturn(aResponse().withStatus(201)));
        runtime.runSync("pushed");
        runtime.runSync("pushed");
        runtime.execute("UPDATE app.pushed SET email = 'b@x.io' WHERE id = 2");
        runtime.runSync("pushed");
        runtime.runSync("pushed");

        await("the last alert", () -> alerts("sync.rejected.recovered").size() == 1 && alerts("sync.lag.recovered").size() == 1);
        Thread.sleep(300);
        assertThat(alerts("sync.backfill.completed")).singleElement().satisfies(a -> {
            assertThat(a.path("sync").asText()).isEqualTo("watched");
            assertThat(a.path("records").asLong()).isEqualTo(2);
            assertThat(a.path("durationSeconds").isNumber()).isTrue();
        });
        assertThat(alerts("sync.failing")).singleElement().satisfies(a -> assertThat(a.path("text").asText()).contains("failed 2 run(s) in a row").contains("400"));
        assertThat(alerts("sync.recovered")).hasSize(1);
        assertThat(alerts("sync.lagging")).singleElement().satisfies(a -> assertThat(a.path("lagSeconds").asDouble()).isGreaterThan(2.0));
        assertThat(alerts("sync.lag.recovered")).hasSize(1);
        assertThat(alerts("sync.rejected")).singleElement().satisfies(a -> {
            assertThat(a.path("sync").asText()).isEqualTo("pushed");
            assertThat(a.path("rejected").asLong()).isEqualTo(1);
        });
        assertThat(alerts("sync.rejected.recovered")).hasSize(1);
    }

    private static List<JsonNode> alerts(String event) {
        List<JsonNode> found = new ArrayList<>();
        for (ServeEvent served : api.getAllServeEvents()) {
            if (served.getRequest().getUrl().equals("/alerts")) {
                try {
                    JsonNode alert = JSON.readTree(served.getRequest().getBodyAsString());
                    if (alert.path("event").asText().equals(event)) {
                        found.add(alert);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return found;
    }

    @Test
    void signedWebhooksStartOnePollPerBurstAndUnsignedOnesNone() throws Exception {
        api.stubFor(get(urlPathEqualTo("/hooked")).withQueryParam("since", absent()).willReturn(okJson(DATA)));
        api.stubFor(get(urlPathEqualTo("/hooked")).withQueryParam("since", matching(".+")).willReturn(okJson("{\"data\": []}")));
        runtime.runSync("hooked");
        String body = "{\"event\": \"contact.updated\", \"id\": 7}";
        String url = runtime.api("/api/webhooks/syncs/hooked");

        HttpResponse<String> wrong = Http.send("POST", url, body, "X-Caravan-Signature", "sha256=" + sign(body + " "));
        HttpResponse<String> missing = Http.send("POST", url, body);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(Http.send("POST", runtime.api("/api/webhooks/syncs/slow"), body, "X-Caravan-Signature", sign(body)).statusCode())
                .as("a sync without a webhook").isEqualTo(404);
        Thread.sleep(600);
        assertThat(webhookRuns()).as("refused requests start nothing").isZero();

        HttpResponse<String> single = Http.send("POST", url, body, "X-Caravan-Signature", "sha256=" + sign(body));
        assertThat(single.statusCode()).isEqualTo(202);
        assertThat(single.body()).contains("\"outcome\":\"scheduled\"");
        await("the webhook poll", () -> webhookRuns() == 1 && runs("hooked").get(0).status() == RunStatus.SUCCEEDED);
        api.verify(1, getRequestedFor(urlPathEqualTo("/hooked")).withQueryParam("since", matching(".+")));

        ExecutorService burst = Executors.newFixedThreadPool(10);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String event = "{\"event\": \"contact.updated\", \"id\": " + i + "}";
            answers.add(burst.submit(() -> Http.send("POST", url, event, "X-Caravan-Signature", sign(event))));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).isEqualTo(202);
            outcomes.add(JSON.readTree(answer.get().body()).path("outcome").asText());
        }
        burst.shutdown();
        assertThat(outcomes).containsOnly("scheduled", "coalesced").filteredOn("scheduled"::equals).hasSize(1);
        await("the burst's poll", () -> webhookRuns() == 2 && runs("hooked").get(0).status() == RunStatus.SUCCEEDED);
        Thread.sleep(800);
        assertThat(webhookRuns()).as("ten requests, one poll").isEqualTo(2);
        api.verify(2, getRequestedFor(urlPathEqualTo("/hooked")).withQueryParam("since", matching(".+")));
    }

    private static long webhookRuns() {
        return runs("hooked").stream().filter(r -> "webhook".equals(r.trigger())).count();
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
