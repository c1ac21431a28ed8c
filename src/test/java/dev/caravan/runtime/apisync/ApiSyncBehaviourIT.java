package dev.caravan.runtime.apisync;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caravan.state.RunStatus;
import dev.caravan.state.SyncRun;
import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** How an API sync behaves at the edges: server errors, bad payloads, cursor ties, new fields, deletes. */
class ApiSyncBehaviourIT extends StubbedApiTest {

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/api.yaml", "kind: connection\nid: api\ntype: http\nbaseUrl: " + api.baseUrl() + "\n"
                + "rateLimit: { requests: 100, per: 1s, maxWait: 2s }\n");
        files.put("syncs/flaky.yaml", sync("flaky", "/flaky", ""));
        files.put("syncs/throttled.yaml", sync("throttled", "/throttled", ""));
        files.put("syncs/garbled.yaml", sync("garbled", "/garbled", ""));
        files.put("syncs/keyless.yaml", sync("keyless", "/keyless", ""));
        files.put("syncs/forbidden.yaml", sync("forbidden", "/forbidden", ""));
        files.put("syncs/ties.yaml", sync("ties", "/ties", "  pagination: { type: page, sizeParam: size, size: 2 }\n"
                + "  incremental: { cursorField: updated_at, param: since }\n"));
        files.put("syncs/growing.yaml", sync("growing", "/growing", "  pagination: { type: page, sizeParam: size, size: 2 }\n"));
        files.put("syncs/flagged.yaml", sync("flagged", "/flagged", "  deletes: { detect: flag, field: archived }\n").replace("table: t.flagged", "table: t.flagged, mode: mirror"));
        files.put("connections/counted.yaml", "kind: connection\nid: counted\ntype: http\nbaseUrl: " + api.baseUrl() + "\n"
                + "rateLimit: { requests: 100, per: 1s, remainingHeader: X-RateLimit-Remaining, resetHeader: X-RateLimit-Reset }\n");
        files.put("syncs/windowed.yaml", sync("windowed", "/windowed", "  pagination: { type: page, sizeParam: size, size: 1 }\n")
                .replace("connection: api", "connection: counted"));
        files.put("syncs/appended.yaml", sync("appended", "/appended", "").replace("table: t.appended", "table: t.appended, mode: insert"));
        files.put("syncs/scanned.yaml", sync("scanned", "/scanned", "  deletes: { detect: full-scan, every: 1h, verify: { path: \"/scanned/{id}\" } }\n")
                .replace("table: t.scanned", "table: t.scanned, mode: mirror, onDelete: soft"));
        startRuntime(files);
    }

    static String sync(String id, String path, String extra) {
        return "kind: sync\nid: " + id + "\nsource:\n  connection: api\n  path: " + path + "\n  records: $.data\n  primaryKey: [id]\n" + extra
                + "destination: { connection: warehouse, table: t." + id + " }\n";
    }

    private static Throwable runExpectingFailure(String id) {
        return catchThrowable(() -> runtime.runSync(id));
    }

    @Test
    void serverErrorsAreRetriedWithBackoff() {
        api.stubFor(get(urlPathEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("recovered"));
        api.stubFor(get(urlPathEqualTo("/flaky")).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"data\": [{\"id\": 1}]}")));

        runtime.runSync("flaky");

        assertThat(runtime.sql("SELECT count(*) FROM t.flaky")).containsExactly("1");
        api.verify(2, getRequestedFor(urlPathEqualTo("/flaky")));
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        api.stubFor(get(urlPathEqualTo("/throttled")).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        api.stubFor(get(urlPathEqualTo("/throttled")).inScenario("throttled").whenScenarioStateIs("open")
                .willReturn(okJson("{\"data\": [{\"id\": 1}, {\"id\": 2}]}")));

        runtime.runSync("throttled");

        assertThat(runtime.sql("SELECT count(*) FROM t.throttled")).containsExactly("2");
        var requests = api.findAll(getRequestedFor(urlPathEqualTo("/throttled")));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime())
                .as("the retry waited for Retry-After").isGreaterThanOrEqualTo(900);
    }

    @Test
    void anExhaustedRemainingCountHoldsRequestsUntilTheReset() {
        api.stubFor(get(urlPathEqualTo("/windowed")).withQueryParam("page", equalTo("1")).willReturn(okJson("{\"data\": [{\"id\": 1}]}")
                .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "1")));
        api.stubFor(get(urlPathEqualTo("/windowed")).withQueryParam("page", equalTo("2")).willReturn(okJson("{\"data\": []}")));

        runtime.runSync("windowed");

        var requests = api.findAll(getRequestedFor(urlPathEqualTo("/windowed")));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime())
                .as("the second request waited for the window to reset").isGreaterThanOrEqualTo(900);
    }

    @Test
    void insertModeAddsNewKeysAndLeavesExistingRowsAlone() {
        api.stubFor(get(urlPathEqualTo("/appended")).inScenario("appended").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"data\": [{\"id\": 1, \"v\": \"a\"}]}")).willSetStateTo("more"));
        api.stubFor(get(urlPathEqualTo("/appended")).inScenario("appended").whenScenarioStateIs("more")
                .willReturn(okJson("{\"data\": [{\"id\": 1, \"v\": \"b\"}, {\"id\": 2, \"v\": \"c\"}]}")));

        runtime.runSync("appended");
        runtime.runSync("appended");

        assertThat(runtime.sql("SELECT id || ':' || v FROM t.appended ORDER BY id")).containsExactly("1:a", "2:c");
        assertThat(runtime.lastRun("appended").rows().added()).isEqualTo(1);
    }

    @Test
    void invalidJsonFailsTheRunWithoutMovingState() {
        api.stubFor(get(urlPathEqualTo("/garbled")).willReturn(aResponse().withStatus(200).withBody("{\"data\": [{\"id\": 1},")));

        Throwable failure = runExpectingFailure("garbled");

        assertThat(failure).hasStackTraceContaining("returned invalid JSON");
        SyncRun run = runtime.lastRun("garbled");
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.errorMessage()).contains("invalid JSON").contains("{\"data\": [{\"id\": 1},");
        assertThat(runtime.sql("SELECT count(*) FROM caravan.sync_state WHERE sync_id = 'garbled'")).containsExactly("0");
        api.verify(1, getRequestedFor(urlPathEqualTo("/garbled")));
    }

    @Test
    void aRecordWithoutItsPrimaryKeyFailsTheRun() {
        api.stubFor(get(urlPathEqualTo("/keyless")).willReturn(okJson("{\"data\": [{\"id\": 1}, {\"name\": \"no id\"}]}")));

        runExpectingFailure("keyless");

        assertThat(runtime.lastRun("keyless").errorMessage()).isEqualTo("record 2 of the page has no value for primary key field 'id'");
        assertThat(runtime.sql("SELECT count(*) FROM pg_tables WHERE schemaname = 't' AND tablename = 'keyless'")).containsExactly("0");
    }

    @Test
    void permanentHttpErrorsAreNotRetried() {
        api.stubFor(get(urlPathEqualTo("/forbidden")).willReturn(aResponse().withStatus(403).withBody("{\"error\": \"no scope\"}")));

        runExpectingFailure("forbidden");

        assertThat(runtime.lastRun("forbidden").errorMessage()).contains("answered 403").contains("no scope");
        api.verify(1, getRequestedFor(urlPathEqualTo("/forbidden")));
    }

    @Test
    void recordsSharingTheCursorAcrossAPageBoundaryAreNotLost() {
        api.stubFor(get(urlPathEqualTo("/ties")).withQueryParam("since", absent()).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("{\"data\": [" + tie(1, "10:00") + "," + tie(2, "11:00") + "]}")));
        api.stubFor(get(urlPathEqualTo("/ties")).withQueryParam("since", absent()).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("{\"data\": [" + tie(3, "11:00") + "]}")));
        runtime.runSync("ties");
        // a record written later with the same cursor value as the last one seen
        api.stubFor(get(urlPathEqualTo("/ties")).withQueryParam("since", equalTo("2026-03-01T11:00:00Z")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("{\"data\": [" + tie(2, "11:00") + "," + tie(3, "11:00") + "]}")));
        api.stubFor(get(urlPathEqualTo("/ties")).withQueryParam("since", equalTo("2026-03-01T11:00:00Z")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("{\"data\": [" + tie(4, "11:00") + "]}")));

        runtime.runSync("ties");

        assertThat(runtime.sql("SELECT id FROM t.ties ORDER BY id")).containsExactly("1", "2", "3", "4");
        assertThat(runtime.lastRun("ties").rows().added()).isEqualTo(1);
    }

    private static String tie(int id, String time) {
        return "{\"id\": " + id + ", \"updated_at\": \"2026-03-01T" + time + ":00Z\"}";
    }

    @Test
    void aNewFieldAddsAColumnAndBackfillsAgain() {
        api.stubFor(get(urlPathEqualTo("/growing")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("{\"data\": [{\"id\": 1, \"score\": 5}, {\"id\": 2, \"score\": 6}]}")));
        api.stubFor(get(urlPathEqualTo("/growing")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("{\"data\": [{\"id\": 3, \"score\": 7.5, \"email\": \"c@x.io\"}]}")));

        runtime.runSync("growing");

        assertThat(runtime.sql("SELECT column_name || ':' || data_type FROM information_schema.columns WHERE table_schema = 't' "
                + "AND table_name = 'growing' AND column_name NOT LIKE '\\_caravan%' ORDER BY ordinal_position"))
                .containsExactly("id:bigint", "score:numeric", "email:text");
        assertThat(runtime.sql("SELECT id || ':' || score || ':' || coalesce(email, '-') FROM t.growing ORDER BY id"))
                .containsExactly("1:5:-", "2:6:-", "3:7.5:c@x.io");
        api.verify(2, getRequestedFor(urlPathEqualTo("/growing")).withQueryParam("page", equalTo("1")));
        assertThat(runtime.sql("SELECT phase FROM caravan.sync_state WHERE sync_id = 'growing'")).containsExactly("incremental");
    }

    @Test
    void aFullKeyScanSoftDeletesRowsTheApiNoLongerListsOnceALookupConfirmsThem() {
        api.stubFor(get(urlPathEqualTo("/scanned/2")).willReturn(aResponse().withStatus(404)));
        api.stubFor(get(urlPathEqualTo("/scanned")).inScenario("scanned").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"data\": [{\"id\": 1}, {\"id\": 2}, {\"id\": 3}]}")).willSetStateTo("deleted"));
        api.stubFor(get(urlPathEqualTo("/scanned")).inScenario("scanned").whenScenarioStateIs("deleted")
                .willReturn(okJson("{\"data\": [{\"id\": 1}, {\"id\": 3}]}")));

        runtime.runSync("scanned");
        runtime.runSync("scanned");

        assertThat(runtime.sql("SELECT id || ':' || (_caravan_deleted_at IS NOT NULL) FROM t.scanned ORDER BY id"))
                .containsExactly("1:false", "2:true", "3:false");
        assertThat(runtime.lastRun("scanned").rows().removed()).isEqualTo(1);
        api.verify(1, getRequestedFor(urlPathEqualTo("/scanned/2")));
        assertThat(runtime.sql("SELECT last_key_scan_at IS NOT NULL FROM caravan.sync_state WHERE sync_id = 'scanned'")).containsExactly("t");
        runtime.runSync("scanned");
        api.verify(4, getRequestedFor(urlPathEqualTo("/scanned")));
    }

    @Test
    void aDeleteFlagRemovesTheRowInMirrorMode() {
        api.stubFor(get(urlPathEqualTo("/flagged")).inScenario("flagged").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"data\": [{\"id\": 1, \"archived\": false}, {\"id\": 2, \"archived\": false}, {\"id\": 3, \"archived\": true}]}"))
                .willSetStateTo("archived"));
        api.stubFor(get(urlPathEqualTo("/flagged")).inScenario("flagged").whenScenarioStateIs("archived")
                .willReturn(okJson("{\"data\": [{\"id\": 1, \"archived\": true}]}")));

        runtime.runSync("flagged");
        assertThat(runtime.sql("SELECT id FROM t.flagged ORDER BY id")).containsExactly("1", "2");
        runtime.runSync("flagged");

        assertThat(runtime.sql("SELECT id FROM t.flagged ORDER BY id")).containsExactly("2");
        assertThat(runtime.lastRun("flagged").rows().removed()).isEqualTo(1);
    }
}
