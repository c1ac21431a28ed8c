package dev.caravan.runtime.activation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caravan.state.RunStatus;
import dev.caravan.testing.CaravanProcess;
import dev.caravan.testing.Http;
import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** Activations against WireMock: what is sent on each run, what is rejected, and what moves the snapshot. */
class ActivationIT extends StubbedApiTest {
    private static final String UPDATE = "  update: { method: PATCH, path: /changed }\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        api.stubFor(any(urlPathMatching("/.*")).atPriority(10).willReturn(aResponse().withStatus(200).withBody("{\"ok\": true}")));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/crm.yaml", "kind: connection\nid: crm\ntype: http\nbaseUrl: " + api.baseUrl() + "\n"
                + "rateLimit: { requests: 1000, per: 1s }\n");
        files.put("syncs/people.yaml", activation("people", "select id, email, name from model.people", "mirror",
                "  insert: { method: POST, path: /people }\n  update: { method: PATCH, path: \"/people/{id}\" }\n"
                        + "  delete: { method: DELETE, path: \"/people/{id}\" }\n"));
        files.put("syncs/purged.yaml", activation("purged", "select id, email from model.purged", "mirror",
                "  maxRemove: 2\n  insert: { method: POST, path: /purged }\n  update: { method: PATCH, path: \"/purged/{id}\" }\n"
                        + "  delete: { method: DELETE, path: \"/purged/{id}\" }\n"));
        files.put("syncs/picky.yaml", activation("picky", "select id, email from model.picky", "upsert",
                "  insert: { method: POST, path: /picky, body: { properties: { email: \"{email}\", source: caravan } } }\n"
                        + "  update: { method: PATCH, path: \"/picky/{id}\" }\n"));
        files.put("syncs/flaky.yaml", activation("flaky", "select id from model.flaky", "upsert", "  insert: { method: POST, path: /flaky }\n" + UPDATE));
        files.put("syncs/encoded.yaml", activation("encoded", "select code, label from model.encoded;", "upsert",
                "  insert: { method: PUT, path: \"/things/{code}\" }\n" + UPDATE).replace("primaryKey: [id]", "primaryKey: [code]"));
        files.put("syncs/broken.yaml", activation("broken", "select id from model.nowhere", "upsert", "  insert: { method: POST, path: /broken }\n" + UPDATE));
        files.put("syncs/doubled.yaml", activation("doubled", "select 1 as id union all select 1", "upsert", "  insert: { method: POST, path: /doubled }\n" + UPDATE));
        files.put("syncs/quiet.yaml", activation("quiet", "select id from model.quiet", "upsert", "  insert: { method: POST, path: /quiet }\n" + UPDATE)
                .replace("primaryKey: [id] }", "primaryKey: [id], initial: baseline }"));
        files.put("syncs/batched.yaml", activation("batched", "select id, email from model.batched", "upsert",
                "  insert: { method: POST, path: /batch, batch: { size: 2, records: $.inputs, results: $.results } }\n" + UPDATE));
        files.put("syncs/preview.yaml", activation("preview", "select id, email from model.preview", "upsert",
                "  insert: { method: POST, path: \"/preview/{id}\", body: { mail: \"{email}\" } }\n" + UPDATE));
        files.put("syncs/materialised.yaml", "kind: sync\nid: materialised\nsource: { connection: warehouse, query: \"select id, "
                + "email, score from model.scored\", primaryKey: [id] }\ndestination: { connection: warehouse, table: mart.scored, mode: mirror }\n");
        startRuntime(files);
        runtime.execute("CREATE SCHEMA model");
    }

    static String activation(String id, String query, String mode, String requests) {
        return "kind: sync\nid: " + id + "\nsource: { connection: warehouse, query: \"" + query + "\", primaryKey: [id] }\n"
                + "destination:\n  connection: crm\n  mode: " + mode + "\n" + requests;
    }

    @Test
    void aMirrorRemovingMoreThanMaxRemoveSendsNothingUntilApproved() {
        runtime.execute("CREATE TABLE model.purged (id int PRIMARY KEY, email text);"
                + "INSERT INTO model.purged SELECT i, 'p' || i || '@x.io' FROM generate_series(1, 10) i");
        runtime.runSync("purged");
        runtime.execute("DELETE FROM model.purged WHERE id > 5");
        api.resetRequests();

        Throwable held = catchThrowable(() -> runtime.runSync("purged"));

        assertThat(held).hasStackTraceContaining("removes 5 of 10 row(s), more than maxRemove allows (2)");
        assertThat(runtime.lastRun("purged").status()).isEqualTo(RunStatus.AWAITING_APPROVAL);
        assertThat(api.findAll(anyRequestedFor(urlPathMatching("/purged.*")))).isEmpty();
        assertThat(Http.send("POST", runtime.api("/api/syncs/purged/dry-run"), "").body()).contains("\"removed\":5");
        assertThat(Http.get(runtime.api("/api/syncs/purged")).body()).contains("\"pendingRemoval\":{\"rows\":5,\"limit\":2");

        assertThat(Http.send("POST", runtime.api("/api/syncs/purged/removals/approve"), "").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api.findAll(deleteRequestedFor(urlPathMatching("/purged/.*")))).hasSize(5));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(runtime.lastRun("purged").status()).isEqualTo(RunStatus.SUCCEEDED));
        assertThat(Http.get(runtime.api("/api/syncs/purged")).body()).doesNotContain("pendingRemoval");

        // held again, then the model comes back within the limit: the hold goes by itself, and an approval is not left lying around
        runtime.execute("DELETE FROM model.purged WHERE id > 2");
        assertThat(catchThrowable(() -> runtime.runSync("purged"))).hasStackTraceContaining("removes 3 of 5 row(s)");
        assertThat(runtime.lastRun("purged").rows().removed()).isZero();
        runtime.execute("INSERT INTO model.purged SELECT i, 'p' || i || '@x.io' FROM generate_series(3, 5) i");
        runtime.runSync("purged");
        assertThat(Http.get(runtime.api("/api/syncs/purged")).body()).doesNotContain("pendingRemoval");
    }

    @Test
    void sendsEveryRowFirstThenNothingThenExactlyTheChanges() {
        runtime.execute("CREATE TABLE model.people (id int PRIMARY KEY, email text, name text);"
                + "INSERT INTO model.people SELECT i, 'p' || i || '@x.io', 'Person ' || i FROM generate_series(1, 10) i");

        runtime.runSync("people");
        assertThat(api.findAll(postRequestedFor(urlEqualTo("/people")))).hasSize(10);
        api.verify(postRequestedFor(urlEqualTo("/people")).withRequestBody(equalToJson("{\"id\": 4, \"email\": \"p4@x.io\", \"name\": \"Person 4\"}")));
        assertThat(runtime.lastRun("people").rows().delivered()).isEqualTo(10);

        api.resetRequests();
        runtime.runSync("people");
        assertThat(api.findAll(anyRequestedFor(urlPathMatching("/people.*")))).isEmpty();

        runtime.execute("INSERT INTO model.people VALUES (11, 'p11@x.io', 'Person 11');"
                + "UPDATE model.people SET name = name || ' (moved)' WHERE id IN (2, 3, 4);"
                + "DELETE FROM model.people WHERE id IN (9, 10)");
        runtime.runSync("people");

        assertThat(api.findAll(anyRequestedFor(urlPathMatching("/people.*")))).hasSize(6);
        api.verify(1, postRequestedFor(urlEqualTo("/people")));
        api.verify(3, patchRequestedFor(urlPathMatching("/people/[234]")));
        api.verify(1, deleteRequestedFor(urlEqualTo("/people/9")));
        api.verify(1, deleteRequestedFor(urlEqualTo("/people/10")));
        var run = runtime.lastRun("people");
        assertThat(run.rows().read()).isEqualTo(9);
        assertThat(run.rows().added()).isEqualTo(1);
        assertThat(run.rows().changed()).isEqualTo(3);
        assertThat(run.rows().removed()).isEqualTo(2);
        assertThat(run.rows().delivered()).isEqualTo(6);
    }

    @Test
    void rejectedRowsAreRecordedAndTriedAgainOnTheNextRun() throws Exception {
        api.stubFor(post(urlEqualTo("/picky")).withRequestBody(containing("bad")).inScenario("picky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(422).withBody("{\"error\": \"email is invalid\"}")));
        api.stubFor(post(urlEqualTo("/picky")).inScenario("picky").whenScenarioStateIs("fixed").willReturn(aResponse().withStatus(201)));
        runtime.execute("CREATE TABLE model.picky (id int PRIMARY KEY, email text);"
                + "INSERT INTO model.picky VALUES (1, 'good@x.io'), (2, 'bad@x'), (3, 'fine@x.io')");

        runtime.runSync("picky");

        var first = runtime.lastRun("picky");
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.rows().delivered()).isEqualTo(2);
        assertThat(first.rows().rejected()).isEqualTo(1);
        assertThat(runtime.sql("SELECT row_key::text || ' ' || operation || ' ' || status || ' ' || reason FROM caravan.rejected_rows "
                + "WHERE run_id = " + first.runId())).containsExactly("[2] insert 422 422: {\"error\": \"email is invalid\"}");
        api.verify(postRequestedFor(urlEqualTo("/picky"))
                .withRequestBody(equalToJson("{\"properties\": {\"email\": \"good@x.io\", \"source\": \"caravan\"}}")));
        JsonNode page = JSON.readTree(Http.get(runtime.api("/api/runs/" + first.runId() + "/rejections?limit=10")).body());
        assertThat(page.path("rejections")).hasSize(1);
        assertThat(page.path("rejections").get(0).path("key").toString()).isEqualTo("[2]");
        assertThat(page.path("rejections").get(0).path("status").asInt()).isEqualTo(422);
        assertThat(page.path("next").isNumber()).as("no further page").isFalse();
        JsonNode run = JSON.readTree(Http.get(runtime.api("/api/runs/" + first.runId())).body());
        assertThat(run.path("sync").asText()).isEqualTo("picky");
        assertThat(run.path("rows").path("rejected").asInt()).isEqualTo(1);
        assertThat(Http.get(runtime.api("/api/runs/" + first.runId() + "/rejections?limit=0")).statusCode()).isEqualTo(400);
        assertThat(Http.get(runtime.api("/api/runs/999999/rejections")).statusCode()).isEqualTo(404);

        api.setScenarioState("picky", "fixed");
        api.resetRequests();
        runtime.runSync("picky");

        api.verify(1, postRequestedFor(urlEqualTo("/picky")).withRequestBody(containing("bad@x")));
        assertThat(api.findAll(postRequestedFor(urlEqualTo("/picky")))).hasSize(1);
        assertThat(runtime.lastRun("picky").rows().delivered()).isEqualTo(1);
    }

    @Test
    void batchesCarrySeveralRowsAndPerRowResultsRejectSome() {
        api.stubFor(post(urlEqualTo("/batch")).withRequestBody(containing("bad"))
                .willReturn(aResponse().withStatus(207).withBody("{\"results\": [{\"id\": 1}, {\"error\": \"duplicate email\"}]}")));
        api.stubFor(post(urlEqualTo("/batch")).withRequestBody(containing("solo")).willReturn(aResponse().withStatus(200)
                .withBody("{\"results\": [{\"id\": 3}]}")));
        runtime.execute("CREATE TABLE model.batched (id int PRIMARY KEY, email text);"
                + "INSERT INTO model.batched VALUES (1, 'a@x.io'), (2, 'bad@x.io'), (3, 'solo@x.io')");

        runtime.runSync("batched");

        api.verify(2, postRequestedFor(urlEqualTo("/batch")));
        api.verify(postRequestedFor(urlEqualTo("/batch")).withRequestBody(equalToJson(
                "{\"inputs\": [{\"id\": 1, \"email\": \"a@x.io\"}, {\"id\": 2, \"email\": \"bad@x.io\"}]}")));
        var run = runtime.lastRun("batched");
        assertThat(run.rows().delivered()).isEqualTo(2);
        assertThat(run.rows().rejected()).isEqualTo(1);
        assertThat(runtime.sql("SELECT row_key::text || ' ' || reason FROM caravan.rejected_rows WHERE sync_id = 'batched'"))
                .containsExactly("[2] duplicate email");
        assertThat(runtime.sql("SELECT string_agg(row_key::text, ',' ORDER BY row_key) FROM caravan.activation_snapshots WHERE sync_id = 'batched'"))
                .containsExactly("[1],[3]");
    }

    @Test
    void aDryRunCountsAndRendersTheRequestsAndSendsNothing() throws Exception {
        runtime.execute("CREATE TABLE model.preview (id int PRIMARY KEY, email text);"
                + "INSERT INTO model.preview SELECT i, 'p' || i || '@x.io' FROM generate_series(1, 7) i");

        try (CaravanProcess cli = CaravanProcess.start(Map.of(), "sync", "preview", "--dry-run", "--url", runtime.api(""))) {
            assertThat(cli.waitFor()).isZero();
            assertThat(cli.output()).contains("preview: 7 row(s) in the model; 7 added, 0 changed, 0 removed", "would send: 7 insert",
                    "\"path\":\"/preview/1\"", "\"body\":{\"mail\":\"p1@x.io\"}");
        }
        JsonNode report = JSON.readTree(Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(runtime.api("/api/syncs/preview/dry-run")))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).body());
        assertThat(report.path("samples")).hasSize(5);

        api.verify(0, anyRequestedFor(urlPathMatching("/preview.*")));
        assertThat(runtime.sql("SELECT count(*) FROM caravan.activation_snapshots WHERE sync_id = 'preview'")).containsExactly("0");
        assertThat(Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(runtime.api("/api/syncs/broken-not-here/dry-run")))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(404);
    }

    @Test
    void aTableDestinationGetsTheChangesWithTheSnapshotInOneTransaction() {
        runtime.execute("CREATE TABLE model.scored (id int PRIMARY KEY, email text, score numeric);"
                + "INSERT INTO model.scored SELECT i, 'p' || i || '@x.io', i * 1.5 FROM generate_series(1, 5) i");

        runtime.runSync("materialised");
        assertThat(runtime.sql("SELECT string_agg(id || ':' || score, ',' ORDER BY id) FROM mart.scored")).containsExactly("1:1.5,2:3.0,3:4.5,4:6.0,5:7.5");

        runtime.execute("UPDATE model.scored SET score = 0 WHERE id = 2; DELETE FROM model.scored WHERE id = 5; INSERT INTO model.scored VALUES (6, 'n@x.io', 1)");
        runtime.runSync("materialised");

        assertThat(runtime.sql("SELECT string_agg(id || ':' || score, ',' ORDER BY id) FROM mart.scored")).containsExactly("1:1.5,2:0,3:4.5,4:6.0,6:1");
        var run = runtime.lastRun("materialised");
        assertThat(run.rows().added()).isEqualTo(1);
        assertThat(run.rows().changed()).isEqualTo(1);
        assertThat(run.rows().removed()).isEqualTo(1);
        assertThat(run.rows().delivered()).isEqualTo(3);
        assertThat(runtime.sql("SELECT count(*) FROM caravan.activation_snapshots WHERE sync_id = 'materialised'")).containsExactly("5");
    }

    @Test
    void aServerErrorThenSuccessDeliversOnce() {
        api.stubFor(post(urlEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        runtime.execute("CREATE TABLE model.flaky (id int PRIMARY KEY); INSERT INTO model.flaky VALUES (1)");

        runtime.runSync("flaky");
        runtime.runSync("flaky");

        api.verify(2, postRequestedFor(urlEqualTo("/flaky")));
        assertThat(runtime.sql("SELECT count(*) FROM caravan.rejected_rows WHERE sync_id = 'flaky'")).containsExactly("0");
    }

    @Test
    void placeholdersAreUrlEncoded() {
        runtime.execute("CREATE TABLE model.encoded (code text PRIMARY KEY, label text); INSERT INTO model.encoded VALUES ('a b/c?d=é', 'odd')");

        runtime.runSync("encoded");

        api.verify(1, putRequestedFor(urlEqualTo("/things/a%20b%2Fc%3Fd%3D%C3%A9")));
    }

    @Test
    void aFailingModelFailsTheRunAndLeavesTheSnapshot() {
        Throwable failure = catchThrowable(() -> runtime.runSync("broken"));

        assertThat(failure).hasStackTraceContaining("source.query failed").hasStackTraceContaining("model.nowhere");
        assertThat(runtime.lastRun("broken").status()).isEqualTo(RunStatus.FAILED);
        assertThat(runtime.sql("SELECT count(*) FROM caravan.activation_snapshots WHERE sync_id = 'broken'")).containsExactly("0");
        api.verify(0, anyRequestedFor(urlPathEqualTo("/broken")));
    }

    @Test
    void duplicateKeysInTheModelAreReported() {
        Throwable failure = catchThrowable(() -> runtime.runSync("doubled"));

        assertThat(failure).hasStackTraceContaining("is not unique: 1 key(s) repeat, e.g. [1] (2 rows)");
        api.verify(0, anyRequestedFor(urlPathEqualTo("/doubled")));
    }

    @Test
    void aBaselineSendsNothingAndLaterRunsSendTheChanges() {
        runtime.execute("CREATE TABLE model.quiet (id int PRIMARY KEY); INSERT INTO model.quiet SELECT generate_series(1, 5)");

        runtime.runSync("quiet");
        api.verify(0, anyRequestedFor(urlPathEqualTo("/quiet")));

        runtime.execute("INSERT INTO model.quiet VALUES (6)");
        runtime.runSync("quiet");
        api.verify(1, postRequestedFor(urlEqualTo("/quiet")).withRequestBody(equalToJson("{\"id\": 6}")));
    }
}
