package dev.caravan.runtime.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.caravan.cli.CaravanCommand;
import dev.caravan.testing.Http;
import dev.caravan.testing.RuntimeHarness;
import dev.caravan.testing.SequenceRuns;
import dev.caravan.testing.Sql;
import dev.caravan.testing.TestConfig;
import dev.caravan.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import javax.sql.DataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.caravan.runtime.sequence.SequenceIT.activation;
import static dev.caravan.testing.SequenceRuns.stepStates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sequence state across restarts on one database: a run cut short, a run left {@code running} by
 * a crash, the enable switch and run history; then alerts on webhook channels, and the exit
 * codes of {@code caravan trigger --wait}.
 */
class SequenceRestartIT {
    private static WireMockServer api;
    private static Path config;
    private static Map<String, String> database;
    private static RuntimeHarness runtime;

    @BeforeAll
    static void start() throws Exception {
        api = new WireMockServer(options().dynamicPort());
        api.start();
        api.stubFor(any(urlPathMatching("/.*")).atPriority(10).willReturn(okJson("{\"ok\": true}")));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/warehouse.yaml", TestConfig.warehouse());
        files.put("connections/crm.yaml", "kind: connection\nid: crm\ntype: http\nbaseUrl: " + api.baseUrl() + "\n");
        for (String id : List.of("quick", "slow", "last", "watched")) {
            files.put("syncs/" + id + ".yaml", activation(id));
        }
        files.put("sequences/nightly.yaml", "kind: sequence\nid: nightly\nsteps: [ { sync: quick }, { sync: slow }, { sync: last } ]\n");
        files.put("sequences/watched.yaml", "kind: sequence\nid: watched\nalerts: [hook, chat]\n"
                + "steps: [ { sync: watched, terminate: fatal-or-rejected, rejected: { maxRows: 0 } } ]\n");
        files.put("sequences/lenient.yaml", "kind: sequence\nid: lenient\nalerts: []\nsteps: [ { sync: watched, terminate: never } ]\n");
        files.put("channels/hook.yaml", "kind: channel\nid: hook\ntype: webhook\nurl: ${env:HOOK_URL:-" + api.baseUrl() + "/alerts}\n");
        files.put("channels/chat.yaml", "kind: channel\nid: chat\ntype: webhook\nformat: slack\nurl: ${env:CHAT_URL:-" + api.baseUrl() + "/chat}\n");
        config = TestConfig.write(Files.createTempDirectory("caravan-sequence-restart"), files);
        database = Map.of("caravan.db.url", TestDatabase.createDatabase(), "caravan.db.user", TestDatabase.user(),
                "caravan.db.password", TestDatabase.password());
        runtime = RuntimeHarness.start(config, database);
        runtime.execute("CREATE SCHEMA model");
        for (String id : List.of("quick", "slow", "last", "watched")) {
            runtime.execute("CREATE TABLE model." + id + " (id int PRIMARY KEY, name text); INSERT INTO model." + id + " VALUES (1, 'one')");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.close();
        api.stop();
    }

    @Test
    void aRunCutShortIsInterruptedAndHistoryAndSwitchesSurviveARestart() throws Exception {
        api.stubFor(post(urlPathEqualTo("/slow")).atPriority(1).willReturn(okJson("{}").withFixedDelay(2000)));
        runtime.execute("INSERT INTO model.slow VALUES (1000, 'sent slowly')");
        SequenceRuns sequences = new SequenceRuns(runtime);
        long cutShort = sequences.trigger("nightly").path("runId").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> stepStates(sequences.run(cutShort)).contains("slow:running"));
        assertThat(Http.send("PATCH", runtime.api("/api/sequences/nightly"), "{\"enabled\": false}").statusCode()).isEqualTo(200);

        runtime.close();
        // What a crash leaves behind: a run and its steps still marked running.
        DataSource stopped = TestDatabase.dataSource(database.get("caravan.db.url"));
        Sql.execute(stopped, "INSERT INTO caravan.sequence_runs (sequence_id, trigger, status, started_at) VALUES ('nightly', 'schedule', 'running', now())");
        long crashed = Long.parseLong(Sql.column(stopped, "SELECT max(run_id) FROM caravan.sequence_runs").get(0));
        Sql.execute(stopped, "INSERT INTO caravan.sequence_steps (sequence_run_id, step_index, sync_id, status, started_at) VALUES "
                + "(" + crashed + ", 0, 'quick', 'running', now()), (" + crashed + ", 1, 'slow', 'queued', null)");
        runtime = RuntimeHarness.start(config, database);
        SequenceRuns restarted = new SequenceRuns(runtime);

        JsonNode interrupted = restarted.run(cutShort);
        assertThat(interrupted.path("status").asText()).isEqualTo("interrupted");
        assertThat(stepStates(interrupted)).containsExactly("quick:succeeded", "slow:succeeded", "last:skipped");
        assertThat(interrupted.path("steps").get(2).path("reason").asText()).contains("the runtime stopped");
        JsonNode crashedRun = restarted.run(crashed);
        assertThat(crashedRun.path("status").asText()).isEqualTo("interrupted");
        assertThat(stepStates(crashedRun)).containsExactly("quick:interrupted", "slow:skipped");
        assertThat(restarted.runs("nightly")).extracting(run -> run.path("runId").asLong()).startsWith(crashed, cutShort);
        assertThat(runtime.sql("SELECT count(*) FROM caravan.sequence_runs WHERE status IN ('queued', 'running')")).containsExactly("0");
        assertThat(SequenceRuns.json(Http.get(runtime.api("/api/sequences/nightly")).body()).path("enabled").asBoolean()).isFalse();

        JsonNode after = restarted.runAndWait("nightly");
        assertThat(after.path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void alertsFireOnceWhenASequenceFailsAndOnceWhenItRecovers() {
        SequenceRuns sequences = new SequenceRuns(runtime);
        api.stubFor(post(urlPathEqualTo("/watched")).atPriority(1).willReturn(aResponse().withStatus(403)));
        runtime.execute("INSERT INTO model.watched VALUES (100, 'new')");
        assertThat(sequences.runAndWait("watched").path("status").asText()).isEqualTo("failed");
        assertThat(sequences.runAndWait("watched").path("status").asText()).isEqualTo("failed");
        api.stubFor(post(urlPathEqualTo("/watched")).atPriority(1).willReturn(okJson("{}")));
        assertThat(sequences.runAndWait("watched").path("status").asText()).isEqualTo("succeeded");
        api.stubFor(post(urlPathEqualTo("/watched")).atPriority(1).willReturn(aResponse().withStatus(422).withBody("{\"error\": \"bad email\"}")));
        runtime.execute("INSERT INTO model.watched VALUES (101, 'rejected')");
        assertThat(sequences.runAndWait("watched").path("status").asText()).isEqualTo("failed");

        await().atMost(Duration.ofSeconds(10)).until(() -> alertEvents().size() >= 4);
        assertThat(alertEvents()).containsExactlyInAnyOrder("sequence.failed", "sequence.recovered", "sequence.failed", "step.rejected");
        List<String> chat = api.findAll(postRequestedFor(urlPathEqualTo("/chat"))).stream().map(LoggedRequest::getBodyAsString).toList();
        assertThat(chat).hasSize(4).allSatisfy(body -> assertThat(SequenceRuns.json(body).path("text").asText()).startsWith("Sequence watched"));
        assertThat(chat).anySatisfy(body -> assertThat(body).contains("rejected 1 row(s), more than maxRows 0"));
    }

    private static List<String> alertEvents() {
        return api.findAll(postRequestedFor(urlPathEqualTo("/alerts"))).stream()
                .map(request -> SequenceRuns.json(request.getBodyAsString()))
                .filter(alert -> alert.path("sequence").asText().equals("watched"))
                .map(alert -> alert.path("event").asText()).toList();
    }

    @Test
    void statusAndRunsPrintTextOrJson() throws Exception {
        String url = runtime.api("");
        api.stubFor(post(urlPathEqualTo("/watched")).atPriority(1).willReturn(okJson("{}")));
        new SequenceRuns(runtime).runAndWait("nightly");

        String status = cli("status", "--url", url);
        assertThat(status).contains("SYNCS", "SEQUENCES").containsPattern("nightly\\s+(enabled|disabled)\\s+on demand\\s+run \\d+ succeeded");
        JsonNode statusJson = SequenceRuns.json(cli("status", "--json", "--url", url));
        assertThat(statusJson.path("syncs").findValuesAsText("id")).contains("quick", "slow", "last", "watched");
        assertThat(cli("runs", "nightly", "--limit", "1", "--url", url)).containsPattern("RUN\\s+TRIGGER").contains("succeeded");
        assertThat(SequenceRuns.json(cli("runs", "nightly", "--json", "--url", url)).path("runs").get(0).path("status").asText()).isEqualTo("succeeded");
    }

    /** What a CLI command printed on standard output. */
    private static String cli(String... arguments) throws Exception {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(CaravanCommand.commandLine().execute(arguments)).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void triggerWaitExitsWithTheRunsFinalStatus() {
        String url = runtime.api("");
        api.stubFor(post(urlPathEqualTo("/watched")).atPriority(1).willReturn(okJson("{}")));
        assertThat(CaravanCommand.commandLine().execute("trigger", "nightly", "--wait", "--poll", "50", "--url", url)).isEqualTo(0);

        api.stubFor(post(urlPathEqualTo("/watched")).atPriority(1).willReturn(aResponse().withStatus(403)));
        runtime.execute("INSERT INTO model.watched VALUES (200, 'blocked')");
        assertThat(CaravanCommand.commandLine().execute("trigger", "lenient", "--wait", "--poll", "50", "--url", url)).as("warning").isEqualTo(3);
        assertThat(CaravanCommand.commandLine().execute("trigger", "watched", "--wait", "--poll", "50", "--url", url)).as("failed").isEqualTo(4);
        assertThat(CaravanCommand.commandLine().execute("trigger", "nowhere", "--wait", "--url", url)).as("unknown sequence").isEqualTo(1);
        api.stubFor(post(urlPathEqualTo("/watched")).atPriority(1).willReturn(okJson("{}")));
    }
}
