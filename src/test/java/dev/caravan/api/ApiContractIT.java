package dev.caravan.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.testing.Http;
import dev.caravan.testing.SequenceRuns;
import dev.caravan.testing.Steady;
import dev.caravan.testing.StubbedApiTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.apache.camel.Route;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API as one contract: the OpenAPI document is valid and lists exactly the routes the
 * runtime serves, and every operation answers as it says with no token, a wrong one and the right
 * one, errors always in the {@code {error, message, details}} shape.
 */
class ApiContractIT extends StubbedApiTest {
    private static final String TOKEN = "contract-test-token";
    private static final Set<String> UNSECURED = Set.of("GET /api/health", "POST /api/webhooks/dbt-cloud", "POST /api/webhooks/syncs/{id}");
    private static OpenAPI document;
    private static Map<String, String> pathValues;

    @BeforeAll
    static void start() throws Exception {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(OpenApiDocument.read());
        assertThat(parsed.getMessages()).as("OpenAPI validation messages").isEmpty();
        document = parsed.getOpenAPI();
        api.stubFor(any(urlPathMatching("/.*")).atPriority(10).willReturn(okJson("{\"ok\": true}")));
        api.stubFor(get(urlPathEqualTo("/accounts")).willReturn(okJson("{\"data\": [{\"id\": 1, \"name\": \"Acme\"}]}")));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/crm.yaml", "kind: connection\nid: crm\ntype: http\nbaseUrl: " + api.baseUrl() + "\n");
        files.put("syncs/accounts.yaml", "kind: sync\nid: accounts\nsource: { connection: crm, path: /accounts, records: $.data, primaryKey: [id] }\n"
                + "destination: { connection: warehouse, table: crm.accounts }\n");
        files.put("syncs/tiers.yaml", "kind: sync\nid: tiers\nsource: { connection: warehouse, query: \"select id, name from crm.accounts\", "
                + "primaryKey: [id] }\ndestination:\n  connection: crm\n  insert: { method: POST, path: /tiers }\n  update: { method: PATCH, path: \"/tiers/{id}\" }\n");
        files.put("syncs/ticker.yaml", "kind: sync\nid: ticker\nsource: { connection: crm, path: /accounts, records: $.data, primaryKey: [id] }\n"
                + "destination: { connection: warehouse, table: crm.ticker }\nschedule: { every: 1s }\n");
        files.put("sequences/chain.yaml", "kind: sequence\nid: chain\nsteps: [ { sync: accounts }, { sync: tiers } ]\n");
        startRuntime(files, Map.of("caravan.api.token", TOKEN));
        JsonNode run = runChain();
        pathValues = Map.of("{id}", "accounts", "{runId}", run.path("steps").get(0).path("syncRunId").asText(),
                "sequence-{id}", "chain", "sequence-{runId}", run.path("runId").asText());
    }

    /** Runs sequence {@code chain} through the API with the token and returns the finished run. */
    private static JsonNode runChain() {
        HttpResponse<String> accepted = call("POST", "/api/sequences/chain/runs", "", TOKEN);
        long runId = SequenceRuns.json(accepted.body()).path("runId").asLong();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> SequenceRuns.json(call("GET", "/api/sequence-runs/" + runId, "", TOKEN).body()).path("status").asText().equals("succeeded"));
        return SequenceRuns.json(call("GET", "/api/sequence-runs/" + runId, "", TOKEN).body());
    }

    @Test
    void theDocumentListsExactlyTheRoutesTheRuntimeServes() {
        Set<String> served = new TreeSet<>();
        for (Route route : runtime.context().getRoutes()) {
            String uri = route.getEndpoint().getEndpointUri();
            if (route.getRouteId().startsWith("api.") && uri.startsWith("platform-http:")) {
                String path = URLDecoder.decode(uri.substring("platform-http://".length()).replaceAll("\\?.*", ""), StandardCharsets.UTF_8);
                String method = uri.replaceAll(".*httpMethodRestrict=([A-Z]+).*", "$1");
                served.add(method + " " + path);
            }
        }
        assertThat(new TreeSet<>(operations().keySet())).isEqualTo(served);
    }

    @Test
    void everySecuredOperationWantsTheTokenAndAnswersInItsDocumentedShape() {
        for (Map.Entry<String, Operation> entry : operations().entrySet()) {
            String method = entry.getKey().split(" ")[0];
            String path = concrete(entry.getKey().split(" ")[1]);
            String body = method.equals("PATCH") ? "{\"enabled\": true}" : "";
            if (UNSECURED.contains(entry.getKey())) {
                if (method.equals("GET")) {
                    assertThat(call(method, path, body, null).statusCode()).as(entry.getKey() + " without a token").isEqualTo(200);
                }
                continue;
            }
            assertError(call(method, path, body, null), 401, "unauthorized");
            assertError(call(method, path, body, "wrong-" + TOKEN), 401, "unauthorized");
            HttpResponse<String> answer = call(method, path, body, TOKEN);
            assertThat(entry.getValue().getResponses()).as(entry.getKey() + " documents " + answer.statusCode())
                    .containsKey(Integer.toString(answer.statusCode()));
            if (entry.getKey().endsWith("/cancel") || entry.getKey().contains("/removals/")) {
                assertError(answer, 409, "conflict"); // the run has finished; no removal is held
                continue;
            }
            assertThat(answer.statusCode()).as(entry.getKey() + ": " + answer.body()).isBetween(200, 299);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            SequenceRuns.json(answer.body());
        }
    }

    @Test
    void unknownIdsAndBadParametersAreAnsweredInTheErrorShape() {
        for (String path : List.of("/api/syncs/nope", "/api/sequences/nope", "/api/runs/999999", "/api/sequence-runs/999999",
                "/api/sequences/nope/runs", "/api/runs/999999/rejections")) {
            assertError(call("GET", path, "", TOKEN), 404, "not_found");
        }
        for (String path : List.of("/api/runs/abc", "/api/sequence-runs/1e9", "/api/sequences/chain/runs?limit=0", "/api/sequences/chain/runs?before=x",
                "/api/runs/1/rejections?limit=5000", "/api/runs/1/rejections?after=-1")) {
            assertError(call("GET", path, "", TOKEN), 400, "bad_request");
        }
        assertError(call("PATCH", "/api/sequences/chain", "{\"enabled\": 1}", TOKEN), 400, "bad_request");
        assertError(call("PATCH", "/api/sequences/chain", "[]", TOKEN), 400, "bad_request");
        assertError(call("POST", "/api/syncs/accounts/dry-run", "", TOKEN), 400, "bad_request");
        assertError(call("POST", "/api/webhooks/dbt-cloud", "{}", null), 503, "not_configured");
        assertError(call("POST", "/api/webhooks/syncs/accounts", "{}", null), 404, "not_found");
        assertError(call("GET", "/api/config/reloads?limit=0", "", TOKEN), 400, "bad_request");
    }

    @Test
    void hostileRequestsGetA4xxNeverA500() {
        String huge = "{\"enabled\": true, \"padding\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertThat(call("PATCH", "/api/sequences/chain", huge, TOKEN).statusCode()).as("a 2 MB body").isEqualTo(413);
        assertError(call("PATCH", "/api/sequences/chain", "{\"enabled\": tru", TOKEN), 400, "bad_request");
        assertError(call("PATCH", "/api/sequences/chain", "{\"enabled\": true, \"extra\": 1}", TOKEN), 400, "bad_request");
        for (String path : List.of("/api/syncs/..%2F..%2Fetc%2Fpasswd", "/api/syncs/%00", "/api/sequences/" + "a".repeat(5000),
                "/api/sequences/chain%27%3B%20DROP%20TABLE%20caravan.sync_runs%3B--", "/api/runs/-1", "/api/sequence-runs/99999999999999999999")) {
            HttpResponse<String> answer = call("GET", path, "", TOKEN);
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isBetween(400, 499);
        }
        assertThat(call("DELETE", "/api/syncs/accounts", "", TOKEN).statusCode()).as("a method no route serves").isBetween(400, 499);
        assertError(call("GET", "/api/syncs", "", "Bearer"), 401, "unauthorized");
        assertThat(runtime.sql("SELECT count(*) > 0 FROM caravan.sync_runs")).containsExactly("t");
    }

    @Test
    void runsArePagedNewestFirst() {
        for (int i = 0; i < 3; i++) {
            runChain();
        }
        List<Long> seen = new ArrayList<>();
        String next = "";
        do {
            JsonNode page = SequenceRuns.json(call("GET", "/api/sequences/chain/runs?limit=2" + next, "", TOKEN).body());
            assertThat(page.path("runs").size()).isLessThanOrEqualTo(2);
            page.path("runs").forEach(run -> seen.add(run.path("runId").asLong()));
            next = page.path("next").isNull() || page.path("next").isMissingNode() ? null : "&before=" + page.path("next").asLong();
        } while (next != null);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(4).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
    }

    @Test
    void aPausedSyncsScheduleStartsNothingUntilResumed() {
        await().atMost(Duration.ofSeconds(10)).until(() -> runCount("ticker") >= 2);
        assertThat(SequenceRuns.json(call("POST", "/api/syncs/ticker/pause", "", TOKEN).body()).path("paused").asBoolean()).isTrue();
        long paused = Steady.settle(() -> runCount("ticker"));
        Steady.holds(() -> runCount("ticker"), paused, Duration.ofMillis(2500), "no scheduled run while paused");
        assertThat(runtime.sql("SELECT paused FROM caravan.sync_settings WHERE sync_id = 'ticker'")).containsExactly("t");

        assertThat(SequenceRuns.json(call("POST", "/api/syncs/ticker/resume", "", TOKEN).body()).path("paused").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> runCount("ticker") > paused);
    }

    @Test
    void aForcedBackfillStartsTheSyncOverAndKeepsItsRows() {
        long runId = SequenceRuns.json(call("POST", "/api/syncs/accounts/backfill", "", TOKEN).body()).path("runId").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> SequenceRuns.json(call("GET", "/api/runs/" + runId, "", TOKEN).body())
                .path("status").asText().equals("succeeded"));
        JsonNode sync = SequenceRuns.json(call("GET", "/api/syncs/accounts", "", TOKEN).body());
        assertThat(sync.path("lastRun").path("trigger").asText()).isEqualTo("backfill");
        assertThat(sync.path("backfill").path("records").asLong()).as("a new backfill counted from zero").isEqualTo(1);
        assertThat(runtime.sql("SELECT count(*) FROM crm.accounts")).containsExactly("1");
    }

    private static long runCount(String syncId) {
        return Long.parseLong(runtime.sql("SELECT count(*) FROM caravan.sync_runs WHERE sync_id = '" + syncId + "' AND trigger = 'schedule'").get(0));
    }

    /** Every documented operation as {@code "METHOD /path"}. */
    private static Map<String, Operation> operations() {
        Map<String, Operation> out = new LinkedHashMap<>();
        for (Map.Entry<String, PathItem> path : document.getPaths().entrySet()) {
            path.getValue().readOperationsMap().forEach((method, operation) -> out.put(method.name() + " " + path.getKey(), operation));
        }
        return out;
    }

    private static String concrete(String path) {
        if (path.endsWith("/dry-run")) {
            return path.replace("{id}", "tiers");
        }
        boolean sequence = path.startsWith("/api/sequence");
        return path.replace("{id}", pathValues.get(sequence ? "sequence-{id}" : "{id}"))
                .replace("{runId}", pathValues.get(sequence ? "sequence-{runId}" : "{runId}"));
    }

    private static HttpResponse<String> call(String method, String path, String body, String token) {
        return token == null ? Http.send(method, runtime.api(path), body)
                : Http.send(method, runtime.api(path), body, "Authorization", "Bearer " + token);
    }

    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": " + response.body()).isEqualTo(status);
        JsonNode body = SequenceRuns.json(response.body());
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(body.has("details")).isTrue();
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }
}
