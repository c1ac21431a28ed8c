package dev.caravan.runtime.apisync;

import dev.caravan.state.Reconciliation;
import dev.caravan.testing.CaravanProcess;
import dev.caravan.testing.Http;
import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A key scan removes a row only when its absence is confirmed, removes nothing when its listing
 * shifted, writes back what the table lacks, and holds a mass removal for an operator.
 */
class KeyScanSafetyIT extends StubbedApiTest {

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/api.yaml", "kind: connection\nid: api\ntype: http\nbaseUrl: " + api.baseUrl() + "\n"
                + "rateLimit: { requests: 100, per: 1s, maxWait: 2s }\n");
        files.put("syncs/twice.yaml", sync("twice", ""));
        files.put("syncs/shifted.yaml", sync("shifted", "  pagination: { type: page, sizeParam: size, size: 2 }\n  total: { header: X-Total-Count }\n"));
        files.put("syncs/repaired.yaml", sync("repaired", "  incremental: { cursorField: updated_at, param: since }\n"));
        files.put("syncs/guarded.yaml", sync("guarded", "").replace("every: 1ms }", "every: 1ms, maxRemove: 1, verify: { path: \"/guarded/{id}\" } }"));
        files.put("syncs/keyed.yaml", sync("keyed", "  pagination: { type: page, sizeParam: size, size: 2 }\n")
                .replace("every: 1ms }", "every: 1ms, keyset: { param: after_id }, params: { sort: id } }"));
        files.put("syncs/refused.yaml", sync("refused", "").replace("every: 1ms }", "every: 1ms, maxRemove: 1, verify: { path: \"/refused/{id}\" } }"));
        startRuntime(files);
    }

    private static String sync(String id, String extra) {
        return "kind: sync\nid: " + id + "\nsource:\n  connection: api\n  path: /" + id + "\n  records: $.data\n  primaryKey: [id]\n" + extra
                + "  deletes: { detect: full-scan, every: 1ms }\ndestination: { connection: warehouse, table: s." + id + ", mode: mirror }\n";
    }

    private static void lists(String id, String ids) {
        StringBuilder data = new StringBuilder();
        for (String key : ids.split(",")) {
            data.append(data.length() == 0 ? "" : ", ").append("{\"id\": ").append(key).append(", \"updated_at\": \"2026-01-01T00:00:0").append(key).append("Z\"}");
        }
        api.stubFor(get(urlPathEqualTo("/" + id)).withQueryParam("since", absent()).willReturn(okJson("{\"data\": [" + data + "]}")));
    }

    private static Reconciliation reconciliation(String id) {
        return runtime.lastRun(id).reconciliation();
    }

    @Test
    void aKeyMissingFromOneScanIsRemovedOnlyWhenTheNextConsistentScanMissesItToo() {
        lists("twice", "1,2,3");
        runtime.runSync("twice");
        lists("twice", "1,3");

        runtime.runSync("twice");
        assertThat(runtime.sql("SELECT id FROM s.twice ORDER BY id")).containsExactly("1", "2", "3");
        assertThat(reconciliation("twice").consistent()).isTrue();
        assertThat(reconciliation("twice").unconfirmed()).isEqualTo(1);
        assertThat(reconciliation("twice").result()).contains("1 row(s) the API did not list await confirmation");

        runtime.runSync("twice");
        assertThat(runtime.sql("SELECT id FROM s.twice ORDER BY id")).containsExactly("1", "3");
        assertThat(reconciliation("twice").removed()).isEqualTo(1);
        assertThat(reconciliation("twice").result()).isEqualTo("the table matches the API's keys");
    }

    @Test
    void aScanWhoseListingShiftedRemovesNothingAndThePollSaysItWasHeld() {
        page("shifted", 1, "1,2", 4);
        page("shifted", 2, "3,4", 4);
        page("shifted", 3, "", 4);
        runtime.runSync("shifted");
        // record 1 moved to the end while the walk ran: 3 slid onto page 1 unseen, and 1 is listed twice
        page("shifted", 2, "4,1", 3);

        runtime.runSync("shifted");
        runtime.runSync("shifted");

        assertThat(runtime.sql("SELECT id FROM s.shifted ORDER BY id")).containsExactly("1", "2", "3", "4");
        Reconciliation last = reconciliation("shifted");
        assertThat(last.consistent()).isFalse();
        assertThat(last.pollHeld()).isTrue();
        assertThat(last.inconsistencies()).anySatisfy(sign -> assertThat(sign).contains("listed twice"));
        assertThat(last.removed()).isZero();
        assertThat(runtime.sql("SELECT count(*) FROM caravan.scan_suspects WHERE sync_id = 'shifted'")).containsExactly("0");
        assertThat(Http.get(runtime.management("/observe/metrics")).body())
                .containsPattern("caravan_sync_scan_inconsistent_total\\{[^}]*sync=\"shifted\"[^}]*} 2\\.0");
    }

    private static void page(String id, int page, String ids, int total) {
        StringBuilder data = new StringBuilder();
        for (String key : ids.isEmpty() ? new String[0] : ids.split(",")) {
            data.append(data.length() == 0 ? "" : ", ").append("{\"id\": ").append(key).append("}");
        }
        api.stubFor(get(urlPathEqualTo("/" + id)).withQueryParam("page", equalTo(Integer.toString(page)))
                .willReturn(okJson("{\"data\": [" + data + "]}").withHeader("X-Total-Count", Integer.toString(total))));
    }

    @Test
    void aKeysetScanAsksForTheKeysAfterTheLastOneSeen() {
        api.stubFor(get(urlPathEqualTo("/keyed")).withQueryParam("page", equalTo("1")).willReturn(okJson("{\"data\": [{\"id\": 1}, {\"id\": 2}]}")));
        api.stubFor(get(urlPathEqualTo("/keyed")).withQueryParam("page", equalTo("2")).willReturn(okJson("{\"data\": [{\"id\": 3}]}")));
        api.stubFor(get(urlPathEqualTo("/keyed")).withQueryParam("page", absent()).withQueryParam("after_id", absent())
                .withQueryParam("sort", equalTo("id")).willReturn(okJson("{\"data\": [{\"id\": 1}, {\"id\": 2}]}")));
        api.stubFor(get(urlPathEqualTo("/keyed")).withQueryParam("after_id", equalTo("2")).withQueryParam("size", equalTo("2"))
                .willReturn(okJson("{\"data\": [{\"id\": 3}]}")));

        runtime.runSync("keyed");
        runtime.runSync("keyed");

        assertThat(reconciliation("keyed").distinctKeys()).isEqualTo(3);
        assertThat(reconciliation("keyed").consistent()).isTrue();
        api.verify(1, getRequestedFor(urlPathEqualTo("/keyed")).withQueryParam("after_id", equalTo("2")));
    }

    @Test
    void aRowTheTableLostComesBackWithTheNextScan() {
        lists("repaired", "1,2,3");
        api.stubFor(get(urlPathEqualTo("/repaired")).withQueryParam("since", matching(".+")).willReturn(okJson("{\"data\": []}")));
        runtime.runSync("repaired");
        runtime.execute("DELETE FROM s.repaired WHERE id = 2");

        runtime.runSync("repaired");

        assertThat(runtime.sql("SELECT id FROM s.repaired ORDER BY id")).containsExactly("1", "2", "3");
        assertThat(reconciliation("repaired").repaired()).isEqualTo(1);
        assertThat(Http.get(runtime.management("/observe/metrics")).body())
                .containsPattern("caravan_sync_rows_repaired_total\\{[^}]*sync=\"repaired\"[^}]*} 1\\.0");
    }

    @Test
    void aRemovalLargerThanMaxRemoveWaitsForApprovalAndApprovalCarriesItOut() {
        massRemoval("guarded");

        assertThat(runtime.sql("SELECT id FROM s.guarded ORDER BY id")).containsExactly("1", "2", "3", "4");
        assertThat(reconciliation("guarded").held()).isEqualTo(3);
        String detail = Http.get(runtime.api("/api/syncs/guarded")).body();
        assertThat(detail).contains("\"pendingRemoval\":{\"rows\":3,\"limit\":1");
        assertThat(Http.get(runtime.api("/api/syncs")).body()).as("the list the console reads").contains("\"pendingRemoval\":{\"rows\":3,\"limit\":1");
        assertThat(Http.get(runtime.management("/observe/metrics")).body())
                .containsPattern("caravan_sync_removals_held\\{[^}]*sync=\"guarded\"[^}]*} 3\\.0");

        assertThat(Http.send("POST", runtime.api("/api/syncs/guarded/removals/approve"), "").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(runtime.sql("SELECT id FROM s.guarded ORDER BY id")).containsExactly("1"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Http.get(runtime.api("/api/syncs/guarded")).body()).doesNotContain("pendingRemoval"));
        assertThat(Http.send("POST", runtime.api("/api/syncs/guarded/removals/approve"), "").statusCode()).isEqualTo(409);
    }

    @Test
    void aRejectedRemovalRemovesNothing() throws Exception {
        massRemoval("refused");

        try (CaravanProcess cli = CaravanProcess.start(Map.of(), "sync", "refused", "--reject-removals", "--url", runtime.api(""))) {
            assertThat(cli.waitFor()).isZero();
            assertThat(cli.output()).contains("refused: held removal rejected; nothing is removed");
        }

        assertThat(Http.get(runtime.api("/api/syncs/refused")).body()).doesNotContain("pendingRemoval");
        assertThat(runtime.sql("SELECT count(*) FROM caravan.scan_suspects WHERE sync_id = 'refused' AND held")).containsExactly("0");
        assertThat(runtime.sql("SELECT id FROM s.refused ORDER BY id")).containsExactly("1", "2", "3", "4");
        assertThat(Http.send("POST", runtime.api("/api/syncs/refused/removals/reject"), "").statusCode()).isEqualTo(409);
    }

    /** Backfills four rows, then the API lists one and confirms the other three gone: more than maxRemove (1). */
    private static void massRemoval(String id) {
        lists(id, "1,2,3,4");
        runtime.runSync(id);
        lists(id, "1");
        for (int key = 2; key <= 4; key++) {
            api.stubFor(get(urlPathEqualTo("/" + id + "/" + key)).willReturn(aResponse().withStatus(404)));
        }
        runtime.runSync(id);
    }
}
