package dev.caravan.security;

import dev.caravan.state.RunStatus;
import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Hostile API payloads, each met by the rule docs/api-sync.md gives for it. None can reach SQL:
 * field names become quoted, normalised column names, and values travel as data.
 */
class HostilePayloadIT extends StubbedApiTest {

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/api.yaml", "kind: connection\nid: api\ntype: http\nbaseUrl: " + api.baseUrl() + "\n");
        for (String id : List.of("quotes", "huge", "deep", "too-deep", "bad-utf8", "duplicate", "null-key", "missing-key")) {
            files.put("syncs/" + id + ".yaml", "kind: sync\nid: " + id + "\nsource: { connection: api, path: /" + id + ", records: $.data, primaryKey: [id] }\n"
                    + "destination: { connection: warehouse, table: hostile." + id.replace('-', '_') + " }\n");
        }
        startRuntime(files);
        runtime.execute("CREATE SCHEMA hostile; CREATE TABLE hostile.canary (id int); INSERT INTO hostile.canary VALUES (1)");
    }

    @Test
    void fieldNamesWithQuotesSemicolonsAndSqlBecomePlainColumnNames() {
        api.stubFor(get(urlPathEqualTo("/quotes")).willReturn(okJson("{\"data\": [{\"id\": 1, \"na\\\"me'; DROP TABLE hostile.canary; --\": \"x\", "
                + "\"select * from pg_user\": \"'); DELETE FROM hostile.canary; --\"}]}")));

        runtime.runSync("quotes");

        assertThat(runtime.sql("SELECT count(*) FROM hostile.canary")).containsExactly("1");
        assertThat(runtime.sql("SELECT column_name FROM information_schema.columns WHERE table_schema = 'hostile' AND table_name = 'quotes' "
                + "AND column_name NOT LIKE '\\_caravan%' ORDER BY column_name"))
                .containsExactly("id", "na_me___drop_table_hostile_canary____", "select___from_pg_user");
        assertThat(runtime.sql("SELECT select___from_pg_user FROM hostile.quotes")).containsExactly("'); DELETE FROM hostile.canary; --");
    }

    @Test
    void aOneMegabyteStringIsStoredWhole() {
        String huge = "é".repeat(512 * 1024);
        api.stubFor(get(urlPathEqualTo("/huge")).willReturn(okJson("{\"data\": [{\"id\": 1, \"text\": \"" + huge + "\"}]}")));

        runtime.runSync("huge");

        assertThat(runtime.sql("SELECT octet_length(text) FROM hostile.huge")).containsExactly(Integer.toString(1024 * 1024));
    }

    @Test
    void nestingUpToJacksonsLimitIsKeptAsJsonAndDeeperFailsTheRunClearly() {
        api.stubFor(get(urlPathEqualTo("/deep")).willReturn(okJson("{\"data\": [{\"id\": 1, \"tree\": " + nested(990) + "}]}")));
        api.stubFor(get(urlPathEqualTo("/too-deep")).willReturn(okJson("{\"data\": [{\"id\": 1, \"tree\": " + nested(1000) + "}]}")));

        runtime.runSync("deep");
        Throwable tooDeep = catchThrowable(() -> runtime.runSync("too-deep"));

        assertThat(runtime.sql("SELECT jsonb_typeof(tree) FROM hostile.deep")).containsExactly("array");
        assertThat(tooDeep).isNotNull();
        assertThat(runtime.lastRun("too-deep").errorMessage()).contains("nesting depth");
        assertThat(runtime.lastRun("too-deep").status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void invalidUtf8FailsTheRunAndWritesNothing() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"data\": [{\"id\": 1, \"name\": \"ok\"}, {\"id\": 2, \"name\": \"bad ".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
        body.writeBytes("\"}]}".getBytes(StandardCharsets.UTF_8));
        api.stubFor(get(urlPathEqualTo("/bad-utf8")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body.toByteArray())));

        Throwable failure = catchThrowable(() -> runtime.runSync("bad-utf8"));

        assertThat(failure).isNotNull();
        assertThat(runtime.lastRun("bad-utf8").errorMessage()).contains("UTF-8");
        assertThat(runtime.sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'hostile' AND table_name = 'bad_utf8'"))
                .as("nothing of the page was committed").containsExactly("0");
    }

    @Test
    void aDuplicateKeyInOneRecordKeepsItsLastValue() {
        api.stubFor(get(urlPathEqualTo("/duplicate")).willReturn(okJson("{\"data\": [{\"id\": 1, \"v\": \"first\", \"v\": \"last\"}]}")));

        runtime.runSync("duplicate");

        assertThat(runtime.sql("SELECT v FROM hostile.duplicate")).containsExactly("last");
    }

    @Test
    void aNullOrMissingPrimaryKeyFailsTheRunNamingTheRecord() {
        api.stubFor(get(urlPathEqualTo("/null-key")).willReturn(okJson("{\"data\": [{\"id\": 1}, {\"id\": null, \"v\": 2}]}")));
        api.stubFor(get(urlPathEqualTo("/missing-key")).willReturn(okJson("{\"data\": [{\"id\": 1}, {\"v\": 2}]}")));

        Throwable nullKey = catchThrowable(() -> runtime.runSync("null-key"));
        Throwable missingKey = catchThrowable(() -> runtime.runSync("missing-key"));

        assertThat(nullKey).isNotNull();
        assertThat(missingKey).isNotNull();
        assertThat(runtime.lastRun("null-key").errorMessage()).contains("record 2", "id");
        assertThat(runtime.lastRun("missing-key").errorMessage()).contains("record 2", "id");
        assertThat(runtime.sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'hostile' AND table_name IN ('null_key', 'missing_key')"))
                .as("a page with a keyless record is not half written").containsExactly("0");
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
