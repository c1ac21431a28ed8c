package dev.caravan.console;

import dev.caravan.testing.Http;
import dev.caravan.testing.NodeTools;
import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console end to end, in Debian's headless Chromium driven by playwright-core
 * ({@code src/test/e2e/console.e2e.mjs}): it gives the token, runs a sequence with its button and
 * sees the run and its steps appear. {@code .ci/run} installs Chromium and the npm package and
 * sets {@code CARAVAN_E2E=required}; elsewhere the test is skipped when they are missing.
 */
class ConsoleIT extends StubbedApiTest {
    private static final String TOKEN = "console-test-token";

    @BeforeAll
    static void start() throws Exception {
        NodeTools.assume("playwright-core", true);
        api.stubFor(any(urlPathMatching("/.*")).atPriority(10).willReturn(okJson("{\"ok\": true}")));
        api.stubFor(get(urlPathEqualTo("/accounts")).willReturn(okJson("{\"data\": [{\"id\": 1, \"name\": \"Acme\"}, {\"id\": 2, \"name\": \"Globex\"}]}")));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/crm.yaml", "kind: connection\nid: crm\ntype: http\nbaseUrl: " + api.baseUrl() + "\n");
        files.put("syncs/accounts.yaml", "kind: sync\nid: accounts\ndescription: Accounts from the CRM\nsource: { connection: crm, path: /accounts, "
                + "records: $.data, primaryKey: [id] }\ndestination: { connection: warehouse, table: crm.accounts }\n");
        files.put("syncs/account-tiers.yaml", "kind: sync\nid: account-tiers\nsource: { connection: warehouse, query: \"select id, name from crm.accounts\", "
                + "primaryKey: [id] }\ndestination:\n  connection: crm\n  insert: { method: POST, path: /tiers }\n  update: { method: PATCH, path: \"/tiers/{id}\" }\n");
        files.put("sequences/accounts-then-tiers.yaml", "kind: sequence\nid: accounts-then-tiers\nschedule: { cron: \"0 0 6 * * ?\", timezone: Europe/Paris }\n"
                + "steps: [ { sync: accounts }, { sync: account-tiers, terminate: fatal-or-rejected, rejected: { maxPercent: 5 } } ]\n");
        startRuntime(files, Map.of("caravan.api.token", TOKEN));
    }

    @Test
    void runningASequenceFromTheConsoleShowsTheRunAndItsSteps() throws Exception {
        Path screenshot = Path.of("target/console.png").toAbsolutePath();
        NodeTools.Result browser = NodeTools.run("console.e2e.mjs", "", 120, runtime.api("/"), TOKEN, "accounts-then-tiers", screenshot.toString());
        String output = browser.output();
        assertThat(browser.exitCode()).as(output).isZero();
        assertThat(output).contains("steps [\"accounts:succeeded\",\"account-tiers:succeeded\"]");
        assertThat(runtime.sql("SELECT trigger FROM caravan.sequence_runs WHERE sequence_id = 'accounts-then-tiers'")).containsExactly("api");
        assertThat(Files.size(screenshot)).isPositive();
    }

    @Test
    void onlyTheConsolesOwnFilesAreServed() {
        assertThat(Http.get(runtime.api("/console/app.js")).statusCode()).isEqualTo(200);
        assertThat(Http.get(runtime.api("/console/..%2F..%2Fcaravan-camel.properties")).statusCode()).isEqualTo(404);
        assertThat(Http.get(runtime.api("/console/nothing.js")).statusCode()).isEqualTo(404);
    }
}
