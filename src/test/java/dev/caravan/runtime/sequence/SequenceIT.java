package dev.caravan.runtime.sequence;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caravan.testing.Http;
import dev.caravan.testing.SequenceRuns;
import dev.caravan.testing.Steady;
import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.caravan.testing.SequenceRuns.stepStates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sequences on a real runtime: API syncs and activations against WireMock as steps, terminate
 * policies, DAG branches, the queue of one follow-up run, schedules, enable switches and triggers.
 */
class SequenceIT extends StubbedApiTest {
    /** The reference example of Hightouch's sequence documentation, in its order. */
    static final List<String> REFERENCE_STEPS = List.of("staff-members", "staff-permissions", "customer-prospects", "staff-assignments");
    private static final AtomicInteger NEXT_ROW = new AtomicInteger(1);
    private static final String DBT_SECRET = "dbt-webhook-secret-for-tests";

    static SequenceRuns sequences;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/crm.yaml", "kind: connection\nid: crm\ntype: http\nbaseUrl: " + api.baseUrl() + "\n"
                + "rateLimit: { requests: 1000, per: 1s }\n");
        files.put("syncs/staff-members.yaml", activation("staff-members"));
        files.put("syncs/staff-permissions.yaml", "kind: sync\nid: staff-permissions\nsource: { connection: crm, path: /staff-permissions, "
                + "records: $.data, primaryKey: [id] }\ndestination: { connection: warehouse, table: crm.staff_permissions }\n");
        files.put("syncs/customer-prospects.yaml", activation("customer-prospects"));
        files.put("syncs/staff-assignments.yaml", activation("staff-assignments"));
        files.put("sequences/staffing.yaml", """
                kind: sequence
                id: staffing
                description: Hightouch's reference example
                alerts: []
                steps:
                  - { sync: staff-members, terminate: fatal-or-rejected, rejected: { maxRows: 2 } }
                  - { sync: staff-permissions, terminate: fatal }
                  - { sync: customer-prospects, terminate: fatal }
                  - { sync: staff-assignments, terminate: never }
                """);
        for (String id : List.of("branch-a", "branch-b", "branch-c", "joined", "slow", "ticking", "flaky", "after-dbt", "follower")) {
            files.put("syncs/" + id + ".yaml", activation(id));
        }
        files.put("sequences/fan-out.yaml", """
                kind: sequence
                id: fan-out
                maxParallel: 2
                alerts: []
                steps:
                  - { sync: branch-a, after: [] }
                  - { sync: branch-b, after: [] }
                  - { sync: branch-c, after: [] }
                  - { sync: joined, after: [branch-a, branch-b, branch-c] }
                """);
        files.put("sequences/follows-fan-out.yaml", "kind: sequence\nid: follows-fan-out\nalerts: []\ntriggers: [ { after: fan-out } ]\n"
                + "steps: [ { sync: follower } ]\n");
        files.put("sequences/slow.yaml", "kind: sequence\nid: slow\nalerts: []\nsteps: [ { sync: slow } ]\n");
        files.put("sequences/ticking.yaml", "kind: sequence\nid: ticking\nalerts: []\nschedule: { cron: \"0/1 * * * * ?\", timezone: Europe/Paris }\n"
                + "steps: [ { sync: ticking } ]\n");
        files.put("sequences/retrying.yaml", "kind: sequence\nid: retrying\nalerts: []\nsteps: [ { sync: flaky, retries: 2, backoff: 200ms } ]\n");
        files.put("sequences/after-dbt.yaml", "kind: sequence\nid: after-dbt\nalerts: []\ntriggers: [ { dbtCloud: { jobId: 4242 } } ]\n"
                + "steps: [ { sync: after-dbt } ]\n");
        files.put("application.properties", "caravan.dbt-cloud.webhook-secret=" + DBT_SECRET + "\n");
        startRuntime(files);
        runtime.execute("CREATE SCHEMA model");
        for (String id : List.of("staff-members", "customer-prospects", "staff-assignments", "branch-a", "branch-b", "branch-c", "joined",
                "slow", "ticking", "flaky", "after-dbt", "follower")) {
            runtime.execute("CREATE TABLE model." + table(id) + " (id int PRIMARY KEY, name text)");
        }
        sequences = new SequenceRuns(runtime);
    }

    static String activation(String id) {
        return "kind: sync\nid: " + id + "\nsource: { connection: warehouse, query: \"select id, name from model." + table(id) + "\", primaryKey: [id] }\n"
                + "destination:\n  connection: crm\n  mode: upsert\n  insert: { method: POST, path: /" + id + " }\n"
                + "  update: { method: PATCH, path: \"/" + id + "/{id}\" }\n";
    }

    static String table(String syncId) {
        return syncId.replace('-', '_');
    }

    /** New rows in an activation's model, so its next run has something to send. */
    static void addRows(String syncId, int count) {
        for (int i = 0; i < count; i++) {
            runtime.execute("INSERT INTO model." + table(syncId) + " VALUES (" + NEXT_ROW.getAndIncrement() + ", 'row')");
        }
    }

    @BeforeEach
    void everyEndpointAnswersOk() {
        api.resetAll();
        api.stubFor(any(urlPathMatching("/.*")).atPriority(10).willReturn(okJson("{\"ok\": true}")));
        api.stubFor(get(urlPathEqualTo("/staff-permissions")).atPriority(5).willReturn(okJson("{\"data\": [{\"id\": 1, \"role\": \"admin\"}]}")));
    }

    private enum Injection { FAILURE, REJECTION }

    /** Runs the reference sequence with {@code injection} at step {@code step} (1-based; 0 for none). */
    private JsonNode referenceRun(int step, Injection injection) {
        everyEndpointAnswersOk();
        for (String sync : List.of("staff-members", "customer-prospects", "staff-assignments")) {
            addRows(sync, 3);
        }
        if (step > 0) {
            String sync = REFERENCE_STEPS.get(step - 1);
            int status = injection == Injection.FAILURE ? 403 : 422;
            api.stubFor(any(urlPathMatching("/" + sync + ".*")).atPriority(1)
                    .willReturn(aResponse().withStatus(status).withBody("{\"error\": \"injected\"}")));
        }
        return sequences.runAndWait("staffing");
    }

    @Test
    void referenceExampleTerminatesSkipsAndEndsAsEachPolicySays() {
        JsonNode clean = referenceRun(0, null);
        assertThat(clean.path("status").asText()).isEqualTo("succeeded");
        assertThat(stepStates(clean)).containsExactly("staff-members:succeeded", "staff-permissions:succeeded",
                "customer-prospects:succeeded", "staff-assignments:succeeded");
        JsonNode first = clean.path("steps").get(0);
        assertThat(first.path("rows").path("delivered").asLong()).isEqualTo(3);
        assertThat(first.path("durationMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(first.path("syncRunId").asLong()).isPositive();
        assertThat(clean.path("steps").get(1).path("rows").path("read").asLong()).isEqualTo(1);

        JsonNode failedFirst = referenceRun(1, Injection.FAILURE);
        assertThat(failedFirst.path("status").asText()).isEqualTo("failed");
        assertThat(failedFirst.path("reason").asText()).startsWith("terminated: step staff-members failed: ").contains("403");
        assertThat(stepStates(failedFirst)).containsExactly("staff-members:failed", "staff-permissions:skipped",
                "customer-prospects:skipped", "staff-assignments:skipped");
        assertThat(failedFirst.path("steps").get(1).path("reason").asText()).contains("terminated by step staff-members");
        assertThat(failedFirst.path("steps").get(1).has("syncRunId")).isFalse();

        JsonNode rejectedFirst = referenceRun(1, Injection.REJECTION);
        assertThat(rejectedFirst.path("status").asText()).isEqualTo("failed");
        assertThat(rejectedFirst.path("reason").asText()).containsPattern("step staff-members rejected \\d+ row\\(s\\), more than maxRows 2");
        assertThat(stepStates(rejectedFirst)).containsExactly("staff-members:failed", "staff-permissions:skipped",
                "customer-prospects:skipped", "staff-assignments:skipped");
        assertThat(rejectedFirst.path("steps").get(0).path("rows").path("rejected").asLong()).isGreaterThanOrEqualTo(3);

        JsonNode failedSecond = referenceRun(2, Injection.FAILURE);
        assertThat(failedSecond.path("status").asText()).isEqualTo("failed");
        assertThat(failedSecond.path("reason").asText()).contains("step staff-permissions failed");
        assertThat(stepStates(failedSecond)).containsExactly("staff-members:succeeded", "staff-permissions:failed",
                "customer-prospects:skipped", "staff-assignments:skipped");

        JsonNode failedThird = referenceRun(3, Injection.FAILURE);
        assertThat(failedThird.path("status").asText()).isEqualTo("failed");
        assertThat(stepStates(failedThird)).containsExactly("staff-members:succeeded", "staff-permissions:succeeded",
                "customer-prospects:failed", "staff-assignments:skipped");

        JsonNode rejectedThird = referenceRun(3, Injection.REJECTION);
        assertThat(rejectedThird.path("status").asText()).as("terminate: fatal ignores rejected rows").isEqualTo("succeeded");
        assertThat(rejectedThird.path("steps").get(2).path("rows").path("rejected").asLong()).isPositive();

        JsonNode failedFourth = referenceRun(4, Injection.FAILURE);
        assertThat(failedFourth.path("status").asText()).isEqualTo("warning");
        assertThat(failedFourth.path("reason").asText()).contains("staff-assignments");
        assertThat(stepStates(failedFourth)).containsExactly("staff-members:succeeded", "staff-permissions:succeeded",
                "customer-prospects:succeeded", "staff-assignments:failed");

        JsonNode rejectedFourth = referenceRun(4, Injection.REJECTION);
        assertThat(rejectedFourth.path("status").asText()).isEqualTo("succeeded");

        assertThat(sequences.runs("staffing")).extracting(run -> run.path("status").asText())
                .containsExactly("succeeded", "warning", "succeeded", "failed", "failed", "failed", "failed", "succeeded");
    }

    @Test
    void triggersDuringARunQueueOneFollowUpAndCoalesceTheRest() {
        addRows("slow", 1);
        api.stubFor(post(urlPathEqualTo("/slow")).atPriority(1).willReturn(okJson("{}").withFixedDelay(1500)));

        JsonNode first = sequences.trigger("slow");
        JsonNode second = sequences.trigger("slow");
        JsonNode third = sequences.trigger("slow");
        JsonNode fourth = sequences.trigger("slow");

        assertThat(first.path("outcome").asText()).isEqualTo("started");
        assertThat(second.path("outcome").asText()).isEqualTo("queued");
        assertThat(third.path("outcome").asText()).isEqualTo("coalesced");
        assertThat(third.path("runId").asLong()).isEqualTo(second.path("runId").asLong());
        assertThat(fourth.path("runId").asLong()).isEqualTo(second.path("runId").asLong());
        JsonNode firstRun = sequences.awaitEnd(first.path("runId").asLong());
        JsonNode secondRun = sequences.awaitEnd(second.path("runId").asLong());
        assertThat(Instant.parse(secondRun.path("startedAt").asText())).isAfterOrEqualTo(Instant.parse(firstRun.path("finishedAt").asText()));
        assertThat(sequences.runs("slow")).filteredOn(run -> run.path("runId").asLong() >= first.path("runId").asLong()).hasSize(2);
    }

    @Test
    void aQueuedRunIsCancelledAtOnceAndARunningOneStartsNoMoreSteps() {
        addRows("slow", 1);
        api.stubFor(post(urlPathEqualTo("/slow")).atPriority(1).willReturn(okJson("{}").withFixedDelay(1000)));
        long running = sequences.trigger("slow").path("runId").asLong();
        long queued = sequences.trigger("slow").path("runId").asLong();

        assertThat(Http.send("POST", runtime.api("/api/sequence-runs/" + queued + "/cancel"), "").statusCode()).isEqualTo(202);
        assertThat(sequences.run(queued).path("status").asText()).isEqualTo("cancelled");
        assertThat(Http.send("POST", runtime.api("/api/sequence-runs/" + running + "/cancel"), "").statusCode()).isEqualTo(202);
        JsonNode cancelled = sequences.awaitEnd(running);

        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        assertThat(stepStates(cancelled)).as("the step in flight finishes").containsExactly("slow:succeeded");
        HttpResponse<String> again = Http.send("POST", runtime.api("/api/sequence-runs/" + running + "/cancel"), "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("is cancelled");
    }

    @Test
    void independentBranchesOverlapWithinMaxParallelAndTheJoinWaitsForAll() {
        for (String branch : List.of("branch-a", "branch-b", "branch-c")) {
            addRows(branch, 1);
            api.stubFor(post(urlPathEqualTo("/" + branch)).atPriority(1).willReturn(okJson("{}").withFixedDelay(700)));
        }

        JsonNode run = sequences.runAndWait("fan-out");

        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        List<Interval> steps = Interval.of(run);
        assertThat(steps.get(0).overlaps(steps.get(1))).as("branch-a and branch-b run at the same time").isTrue();
        assertThat(maxAtOnce(steps.subList(0, 3))).as("maxParallel: 2").isEqualTo(2);
        Interval joined = steps.get(3);
        assertThat(steps.subList(0, 3)).allSatisfy(branch -> assertThat(branch.end()).isBeforeOrEqualTo(joined.start()));

        await().atMost(Duration.ofSeconds(20)).until(() -> !sequences.runs("follows-fan-out").isEmpty());
        JsonNode followed = sequences.awaitEnd(sequences.runs("follows-fan-out").get(0).path("runId").asLong());
        assertThat(followed.path("trigger").asText()).isEqualTo("after:fan-out");
        assertThat(followed.path("status").asText()).isEqualTo("succeeded");
    }

    record Interval(Instant start, Instant end) {
        static List<Interval> of(JsonNode run) {
            List<Interval> out = new java.util.ArrayList<>();
            run.path("steps").forEach(step -> out.add(new Interval(Instant.parse(step.path("startedAt").asText()),
                    Instant.parse(step.path("finishedAt").asText()))));
            return out;
        }

        boolean overlaps(Interval other) {
            return start.isBefore(other.end) && other.start.isBefore(end);
        }
    }

    private static int maxAtOnce(List<Interval> intervals) {
        int max = 0;
        for (Interval probe : intervals) {
            int atOnce = (int) intervals.stream().filter(i -> !i.start().isAfter(probe.start()) && i.end().isAfter(probe.start())).count();
            max = Math.max(max, atOnce);
        }
        return max;
    }

    @Test
    void aFailedStepIsRetriedBeforeTheFailureCounts() {
        addRows("flaky", 1);
        api.stubFor(post(urlPathEqualTo("/flaky")).atPriority(1).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403)).willSetStateTo("second"));
        api.stubFor(post(urlPathEqualTo("/flaky")).atPriority(1).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(403)).willSetStateTo("fixed"));

        JsonNode run = sequences.runAndWait("retrying");

        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        JsonNode step = run.path("steps").get(0);
        assertThat(step.path("attempts").asInt()).isEqualTo(3);
        assertThat(step.path("rows").path("delivered").asLong()).isEqualTo(1);
        assertThat(runtime.sql("SELECT string_agg(status, ',' ORDER BY run_id) FROM caravan.sync_runs WHERE sync_id = 'flaky'"))
                .containsExactly("failed,failed,succeeded");
    }

    @Test
    void aCronScheduleFiresAndTheSwitchStopsAndRestartsIt() {
        await().atMost(Duration.ofSeconds(10)).until(() -> sequences.runs("ticking").stream()
                .anyMatch(run -> run.path("trigger").asText().equals("schedule") && run.path("status").asText().equals("succeeded")));

        switchTicking(false);
        LongSupplier newestRun = () -> sequences.runs("ticking").get(0).path("runId").asLong();
        long newest = Steady.settle(newestRun);
        Steady.holds(newestRun, newest, Duration.ofMillis(2500), "no scheduled run while disabled");
        assertThat(SequenceRuns.json(Http.get(runtime.api("/api/sequences/ticking")).body()).path("enabled").asBoolean()).isFalse();
        assertThat(runtime.sql("SELECT enabled FROM caravan.sequence_settings WHERE sequence_id = 'ticking'")).containsExactly("f");

        JsonNode manual = sequences.runAndWait("ticking");
        assertThat(manual.path("trigger").asText()).as("a disabled sequence still runs by hand").isEqualTo("api");
        assertThat(manual.path("status").asText()).isEqualTo("succeeded");

        switchTicking(true);
        long manualId = manual.path("runId").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> sequences.runs("ticking").stream()
                .anyMatch(run -> run.path("runId").asLong() > manualId && run.path("trigger").asText().equals("schedule")));
        switchTicking(false);
    }

    @Test
    void badRequestsAreAnsweredWithTheErrorShape() {
        assertThat(Http.send("PATCH", runtime.api("/api/sequences/ticking"), "{\"enabled\": \"no\"}").statusCode()).isEqualTo(400);
        assertThat(Http.send("PATCH", runtime.api("/api/sequences/ticking"), "not json").statusCode()).isEqualTo(400);
        assertThat(Http.send("POST", runtime.api("/api/sequences/nope/runs"), "").statusCode()).isEqualTo(404);
        assertThat(Http.get(runtime.api("/api/sequence-runs/abc")).statusCode()).isEqualTo(400);
        assertThat(Http.get(runtime.api("/api/sequence-runs/999999")).statusCode()).isEqualTo(404);
        assertThat(Http.get(runtime.api("/api/sequences/slow/runs?limit=0")).body()).contains("\"error\":\"bad_request\"", "limit");
        JsonNode list = SequenceRuns.json(Http.get(runtime.api("/api/sequences")).body());
        assertThat(list.findValuesAsText("id")).contains("staffing", "fan-out", "ticking");
    }

    private static void switchTicking(boolean enabled) {
        HttpResponse<String> response = Http.send("PATCH", runtime.api("/api/sequences/ticking"), "{\"enabled\": " + enabled + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void aDbtCloudJobThatSucceededStartsItsSequencesOnlyWhenSigned() throws Exception {
        addRows("after-dbt", 1);
        String succeeded = dbtEvent(4242, "Success", 10);

        HttpResponse<String> accepted = dbtWebhook(succeeded, sign(succeeded));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode started = SequenceRuns.json(accepted.body()).path("started").get(0);
        assertThat(started.path("sequence").asText()).isEqualTo("after-dbt");
        JsonNode run = sequences.awaitEnd(started.path("runId").asLong());
        assertThat(run.path("trigger").asText()).isEqualTo("dbt-cloud");
        assertThat(run.path("status").asText()).isEqualTo("succeeded");

        assertThat(dbtWebhook(succeeded, sign(succeeded.replace("4242", "4243"))).statusCode()).as("signature of another body").isEqualTo(401);
        assertThat(dbtWebhook(succeeded, null).statusCode()).isEqualTo(401);
        String failed = dbtEvent(4242, "Error", 20);
        HttpResponse<String> ignored = dbtWebhook(failed, sign(failed));
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(ignored.body()).contains("\"started\":[]", "Error");
        String otherJob = dbtEvent(7, "Success", 10);
        assertThat(dbtWebhook(otherJob, sign(otherJob)).body()).contains("\"started\":[]");
        assertThat(sequences.runs("after-dbt")).hasSize(1);
    }

    /** The shape of a dbt Cloud {@code job.run.completed} event, as its webhook documentation shows it. */
    private static String dbtEvent(long jobId, String runStatus, int runStatusCode) {
        return "{\"accountId\": 1, \"webhooksID\": \"wsu_12345abcde\", \"eventId\": \"wev_2L6Z3l8uPedXKPq9zHLF1x6H1eM\", "
                + "\"timestamp\": \"2026-11-23T01:00:00.000Z\", \"eventType\": \"job.run.completed\", \"webhookName\": \"caravan\", "
                + "\"data\": {\"jobId\": \"" + jobId + "\", \"jobName\": \"Nightly build\", \"runId\": \"123456\", "
                + "\"environmentId\": \"1234\", \"runStatus\": \"" + runStatus + "\", \"runStatusCode\": " + runStatusCode + ", "
                + "\"runStatusMessage\": \"None\", \"runReason\": \"Kicked off from the UI\"}}";
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(DBT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(body.getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    private static HttpResponse<String> dbtWebhook(String body, String signature) {
        return signature == null ? Http.send("POST", runtime.api("/api/webhooks/dbt-cloud"), body, "Content-Type", "application/json")
                : Http.send("POST", runtime.api("/api/webhooks/dbt-cloud"), body, "Content-Type", "application/json", "Authorization", signature);
    }
}
