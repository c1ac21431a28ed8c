package dev.caravan.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.caravan.testing.CaravanProcess;
import dev.caravan.testing.FreePort;
import dev.caravan.testing.Http;
import dev.caravan.testing.SequenceRuns;
import dev.caravan.testing.TestConfig;
import dev.caravan.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Canary secrets (a connection's token, the API token, the dbt Cloud secret, an alert webhook's
 * URL) given to the packaged runtime never show in its log, its API's answers, {@code compile} or
 * {@code validate} output, or run history, even when an API echoes a token back in an error.
 */
class SecretsIT {
    private static final String CRM_TOKEN = "canary-crm-token-7f3a91";
    private static final String API_TOKEN = "canary-api-token-2b8e44";
    private static final String DBT_SECRET = "canary-dbt-secret-c0ffee";
    private static final String HOOK_KEY = "canary-hook-key-5d6e7f";
    private static final List<String> CANARIES = List.of(CRM_TOKEN, API_TOKEN, DBT_SECRET, HOOK_KEY);

    @Test
    void canarySecretsAppearNowhere(@TempDir Path configDirectory) throws Exception {
        WireMockServer api = new WireMockServer(options().dynamicPort());
        api.start();
        api.stubFor(any(urlPathMatching("/.*")).atPriority(10).willReturn(okJson("{\"ok\": true}")));
        api.stubFor(get(urlPathEqualTo("/accounts")).willReturn(okJson("{\"data\": [{\"id\": 1}]}")));
        // A careless API that echoes the credentials it refused.
        api.stubFor(get(urlPathEqualTo("/echo")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\": \"token Bearer " + CRM_TOKEN + " is not valid\"}")));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/warehouse.yaml", TestConfig.warehouse());
        files.put("connections/crm.yaml", "kind: connection\nid: crm\ntype: http\nbaseUrl: " + api.baseUrl() + "\n"
                + "auth: { type: bearer, token: \"${env:CRM_TOKEN}\" }\n");
        files.put("syncs/accounts.yaml", "kind: sync\nid: accounts\nsource: { connection: crm, path: /accounts, records: $.data, primaryKey: [id] }\n"
                + "destination: { connection: warehouse, table: crm.accounts }\n");
        files.put("syncs/echo.yaml", "kind: sync\nid: echo\nsource: { connection: crm, path: /echo, records: $.data, primaryKey: [id] }\n"
                + "destination: { connection: warehouse, table: crm.echo }\n");
        files.put("channels/hook.yaml", "kind: channel\nid: hook\ntype: webhook\nurl: ${env:HOOK_URL}\n");
        files.put("sequences/leaky.yaml", "kind: sequence\nid: leaky\ntriggers: [ { dbtCloud: { jobId: 9 } } ]\n"
                + "steps: [ { sync: accounts }, { sync: echo } ]\n");
        TestConfig.write(configDirectory, files);
        int port = FreePort.find();
        Map<String, String> environment = new HashMap<>(CaravanProcess.environment(TestDatabase.createDatabase(), port));
        environment.putAll(Map.of("CRM_TOKEN", CRM_TOKEN, "CARAVAN_API_TOKEN", API_TOKEN, "CARAVAN_DBT_CLOUD_WEBHOOK_SECRET", DBT_SECRET,
                "HOOK_URL", api.baseUrl() + "/hook?key=" + HOOK_KEY));
        List<String> seen = new ArrayList<>();
        try (CaravanProcess compile = CaravanProcess.start(environment, "compile", "--config", configDirectory.toString());
             CaravanProcess validate = CaravanProcess.start(environment, "validate", "--config", configDirectory.toString())) {
            assertThat(compile.waitFor()).isZero();
            assertThat(validate.waitFor()).isZero();
            seen.add(compile.output());
            seen.add(validate.output());
        }
        CaravanProcess runtime = CaravanProcess.start(environment, "run", "--config", configDirectory.toString());
        try {
            String base = "http://127.0.0.1:" + port;
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(Http.get(base + "/api/health").statusCode()).isEqualTo(200));
            long runId = SequenceRuns.json(call("POST", base + "/api/sequences/leaky/runs").body()).path("runId").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() -> SequenceRuns.json(call("GET", base + "/api/sequence-runs/" + runId).body())
                    .path("status").asText().equals("failed"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !api.findAll(postRequestedFor(urlPathEqualTo("/hook"))).isEmpty());
            JsonNode run = SequenceRuns.json(call("GET", base + "/api/sequence-runs/" + runId).body());
            assertThat(run.path("steps").get(1).path("error").asText()).contains("401", "****");
            for (String path : List.of("/api/info", "/api/connections", "/api/syncs", "/api/syncs/echo", "/api/sequences", "/api/sequences/leaky",
                    "/api/sequences/leaky/runs", "/api/sequence-runs/" + runId, "/api/runs/" + run.path("steps").get(1).path("syncRunId").asText(),
                    "/api/openapi.json", "/api/health", "/api/nothing")) {
                seen.add(call("GET", base + path).body());
            }
            seen.add(Http.send("POST", base + "/api/webhooks/dbt-cloud", "{\"eventType\": \"job.run.completed\"}", "Authorization", "bad").body());
            seen.add(Http.send("GET", base + "/api/syncs", "", "Authorization", "Bearer wrong-" + API_TOKEN).body());
        } finally {
            runtime.terminate(Duration.ofSeconds(60));
            api.stop();
        }
        seen.add(runtime.output());
        assertThat(runtime.output()).contains("Sync echo run");
        for (String text : seen) {
            for (String canary : CANARIES) {
                assertThat(text).as("a canary secret leaked").doesNotContain(canary);
            }
        }
    }

    private static HttpResponse<String> call(String method, String url) {
        return Http.send(method, url, "", "Authorization", "Bearer " + API_TOKEN);
    }
}
