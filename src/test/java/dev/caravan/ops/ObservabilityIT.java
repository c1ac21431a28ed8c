package dev.caravan.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caravan.ops.jmx.CaravanMBeans;
import dev.caravan.testing.Http;
import dev.caravan.testing.NodeTools;
import dev.caravan.testing.SequenceRuns;
import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.StreamSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What operators watch: Prometheus metrics on the management port, parsed by a real Prometheus
 * text-format parser (npm's parse-prometheus-text-format), and Caravan's MBeans read through Jolokia.
 */
class ObservabilityIT extends StubbedApiTest {
    private static JsonNode sequenceRun;

    @BeforeAll
    static void start() throws Exception {
        api.stubFor(any(urlPathMatching("/.*")).atPriority(10).willReturn(okJson("{\"ok\": true}")));
        api.stubFor(get(urlPathEqualTo("/accounts")).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        api.stubFor(get(urlPathEqualTo("/accounts")).inScenario("throttled").whenScenarioStateIs("open")
                .willReturn(okJson("{\"data\": [{\"id\": 1, \"name\": \"Acme\"}, {\"id\": 2, \"name\": \"Globex\"}], \"total\": 2}")));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/crm.yaml", "kind: connection\nid: crm\ntype: http\nbaseUrl: " + api.baseUrl() + "\n"
                + "rateLimit: { requests: 2, per: 1s }\n");
        files.put("syncs/accounts.yaml", "kind: sync\nid: accounts\nsource: { connection: crm, path: /accounts, records: $.data, primaryKey: [id], "
                + "total: { path: $.total } }\ndestination: { connection: warehouse, table: crm.accounts }\n");
        files.put("syncs/tiers.yaml", "kind: sync\nid: tiers\nsource: { connection: warehouse, query: \"select id, name from crm.accounts\", "
                + "primaryKey: [id] }\ndestination:\n  connection: crm\n  insert: { method: POST, path: /tiers }\n  update: { method: PATCH, path: \"/tiers/{id}\" }\n");
        files.put("sequences/chain.yaml", "kind: sequence\nid: chain\nsteps: [ { sync: accounts }, { sync: tiers } ]\n");
        startRuntime(files);
        sequenceRun = new SequenceRuns(runtime).runAndWait("chain");
    }

    @Test
    void prometheusMetricsParseAndCountRowsRunsWaitsAnd429s() throws Exception {
        assertThat(sequenceRun.path("status").asText()).isEqualTo("succeeded");
        String text = Http.get(runtime.management("/observe/metrics")).body();
        NodeTools.assume("parse-prometheus-text-format", false);
        NodeTools.Result parsed = NodeTools.run("metrics.parse.mjs", text, 30);
        assertThat(parsed.exitCode()).as(parsed.output()).isZero();
        JsonNode families = SequenceRuns.json(parsed.output());

        assertThat(value(families, "caravan_sync_rows_total", Map.of("sync", "accounts", "outcome", "read"))).isEqualTo(2);
        assertThat(value(families, "caravan_sync_rows_total", Map.of("sync", "tiers", "outcome", "delivered"))).isEqualTo(2);
        assertThat(value(families, "caravan_sync_runs_total", Map.of("sync", "accounts", "status", "succeeded"))).isEqualTo(1);
        assertThat(value(families, "caravan_sync_throttled_total", Map.of("sync", "accounts"))).isEqualTo(1);
        assertThat(value(families, "caravan_sync_rate_limit_wait_seconds_total", Map.of("sync", "accounts"))).isGreaterThanOrEqualTo(0.9);
        assertThat(value(families, "caravan_sync_backfill_records", Map.of("sync", "accounts"))).isEqualTo(2);
        assertThat(value(families, "caravan_sync_backfill_total_records", Map.of("sync", "accounts"))).isEqualTo(2);
        assertThat(value(families, "caravan_sync_lag_seconds", Map.of("sync", "accounts"))).isGreaterThanOrEqualTo(0);
        assertThat(family(families, "caravan_sync_run_duration_seconds").path("type").asText()).isEqualTo("SUMMARY");
        assertThat(value(families, "caravan_sequence_runs_total", Map.of("sequence", "chain", "status", "succeeded"))).isEqualTo(1);
        JsonNode duration = family(families, "caravan_sequence_run_duration_seconds").path("metrics").get(0);
        assertThat(duration.path("count").asLong()).isEqualTo(1);
        assertThat(duration.path("sum").asDouble()).isPositive();
    }

    @Test
    void jolokiaReadsCaravanMBeansAndCannotInvokeThem() throws Exception {
        String sync = URLEncoder.encode(CaravanMBeans.name("Sync", "accounts").toString(), StandardCharsets.UTF_8);
        JsonNode read = SequenceRuns.json(Http.get(runtime.management("/observe/jolokia/read/" + sync + "/LastRunStatus")).body());
        assertThat(read.path("status").asInt()).as(read.toString()).isEqualTo(200);
        assertThat(read.path("value").asText()).isEqualTo("succeeded");
        String sequence = URLEncoder.encode(CaravanMBeans.name("Sequence", "chain").toString(), StandardCharsets.UTF_8);
        JsonNode enabled = SequenceRuns.json(Http.get(runtime.management("/observe/jolokia/read/" + sequence + "/Enabled")).body());
        assertThat(enabled.path("value").asBoolean()).isTrue();

        HttpResponse<String> exec = Http.get(runtime.management("/observe/jolokia/exec/" + sequence + "/trigger()"));
        assertThat(exec.body()).contains("\"status\":403");

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Throwable disabled = catchThrowable(() -> server.invoke(CaravanMBeans.name("Sequence", "chain"), "trigger", new Object[0], new String[0]));
        assertThat(disabled).hasStackTraceContaining("caravan.jmx.operations-enabled");
        assertThat(server.getAttribute(CaravanMBeans.name("Sync", "accounts"), "Phase")).isEqualTo("incremental");
    }

    private static JsonNode family(JsonNode families, String name) {
        return StreamSupport.stream(families.spliterator(), false).filter(f -> f.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric family " + name));
    }

    private static double value(JsonNode families, String name, Map<String, String> labels) {
        for (JsonNode metric : family(families, name).path("metrics")) {
            if (labels.entrySet().stream().allMatch(l -> metric.path("labels").path(l.getKey()).asText().equals(l.getValue()))) {
                return Double.parseDouble(metric.path("value").asText());
            }
        }
        throw new AssertionError("no " + name + " with " + labels);
    }
}
