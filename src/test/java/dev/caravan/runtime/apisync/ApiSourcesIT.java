package dev.caravan.runtime.apisync;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pagination strategy and every auth type against WireMock, one sync each, into real
 * PostgreSQL tables. Unmatched requests fail the test (strict stubs).
 */
class ApiSourcesIT extends StubbedApiTest {

    @BeforeAll
    static void start() throws Exception {
        String base = api.baseUrl();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/open.yaml", connection("open", base, "{ type: none }"));
        files.put("connections/bearer.yaml", connection("bearer", base, "{ type: bearer, token: \"${env:X_TOKEN:-tok-123}\" }"));
        files.put("connections/basic.yaml", connection("basic", base, "{ type: basic, username: bot, password: \"${env:X_PASSWORD:-pw}\" }"));
        files.put("connections/header.yaml", connection("header", base, "{ type: header, header: X-Api-Key, value: \"${env:X_KEY:-key-9}\" }"));
        files.put("connections/oauth.yaml", connection("oauth", base, "{ type: oauth2, tokenUrl: \"" + base + "/oauth/token\", clientId: caravan, "
                + "clientSecret: \"${env:X_SECRET:-s3cr3t}\", scope: read }"));
        files.put("connections/rotating.yaml", connection("rotating", base, "{ type: oauth2, tokenUrl: \"" + base + "/rotating/token\", clientId: c, "
                + "clientSecret: \"${env:X_SECRET:-s3cr3t}\" }"));
        files.put("syncs/rotated.yaml", sync("rotated", "rotating", "/rotated", "{ type: none }"));
        files.put("syncs/by-page.yaml", sync("by-page", "bearer", "/paged", "{ type: page, sizeParam: per_page, size: 2 }"));
        files.put("syncs/by-offset.yaml", sync("by-offset", "basic", "/offset", "{ type: offset, size: 2 }"));
        files.put("syncs/by-cursor.yaml", sync("by-cursor", "header", "/cursor", "{ type: cursor, cursorParam: after, cursorPath: $.next }"));
        files.put("syncs/by-link.yaml", sync("by-link", "oauth", "/linked", "{ type: link-header }"));
        files.put("syncs/by-next-url.yaml", sync("by-next-url", "open", "/next", "{ type: next-url, nextUrlPath: $.links.next }"));
        files.put("syncs/single.yaml", sync("single", "open", "/single", "{ type: none }"));
        startRuntime(files);
    }

    @AfterAll
    static void everyRequestMatchedAStub() {
        assertThat(api.findAllUnmatchedRequests()).as("unmatched requests").isEmpty();
    }

    static String connection(String id, String base, String auth) {
        return "kind: connection\nid: " + id + "\ntype: http\nbaseUrl: " + base + "\nauth: " + auth + "\n";
    }

    static String sync(String id, String connection, String path, String pagination) {
        return "kind: sync\nid: " + id + "\nsource: { connection: " + connection + ", path: " + path + ", records: $.data, primaryKey: [id], pagination: "
                + pagination + " }\ndestination: { connection: warehouse, table: src." + id.replace('-', '_') + " }\n";
    }

    static String data(int... ids) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < ids.length; i++) {
            out.append(i > 0 ? "," : "").append("{\"id\": ").append(ids[i]).append(", \"name\": \"n").append(ids[i]).append("\"}");
        }
        return out.append("]").toString();
    }

    static void stub(MappingBuilder request, String body) {
        api.stubFor(request.willReturn(okJson(body)));
    }

    private static void assertIds(String table, String... ids) {
        assertThat(runtime.sql("SELECT id FROM src." + table + " ORDER BY id")).containsExactly(ids);
    }

    @Test
    void pageNumbersWithBearerToken() {
        stub(get(urlPathEqualTo("/paged")).withQueryParam("page", equalTo("1")).withQueryParam("per_page", equalTo("2"))
                .withHeader("Authorization", equalTo("Bearer tok-123")), "{\"data\": " + data(1, 2) + "}");
        stub(get(urlPathEqualTo("/paged")).withQueryParam("page", equalTo("2")).withHeader("Authorization", equalTo("Bearer tok-123")),
                "{\"data\": " + data(3) + "}");
        runtime.runSync("by-page");
        assertIds("by_page", "1", "2", "3");
    }

    @Test
    void offsetsWithBasicAuth() {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("bot:pw".getBytes());
        stub(get(urlPathEqualTo("/offset")).withQueryParam("offset", equalTo("0")).withQueryParam("limit", equalTo("2"))
                .withHeader("Authorization", equalTo(basic)), "{\"data\": " + data(1, 2) + "}");
        stub(get(urlPathEqualTo("/offset")).withQueryParam("offset", equalTo("2")).withHeader("Authorization", equalTo(basic)),
                "{\"data\": " + data(3, 4) + "}");
        stub(get(urlPathEqualTo("/offset")).withQueryParam("offset", equalTo("4")).withHeader("Authorization", equalTo(basic)),
                "{\"data\": []}");
        runtime.runSync("by-offset");
        assertIds("by_offset", "1", "2", "3", "4");
    }

    @Test
    void cursorTokensWithHeaderKey() {
        stub(get(urlPathEqualTo("/cursor")).withQueryParam("after", absent()).withHeader("X-Api-Key", equalTo("key-9")),
                "{\"data\": " + data(1) + ", \"next\": \"c2\"}");
        stub(get(urlPathEqualTo("/cursor")).withQueryParam("after", equalTo("c2")).withHeader("X-Api-Key", equalTo("key-9")),
                "{\"data\": " + data(2) + ", \"next\": null}");
        runtime.runSync("by-cursor");
        assertIds("by_cursor", "1", "2");
    }

    @Test
    void linkHeadersWithOAuth2ClientCredentials() {
        api.stubFor(post(urlEqualTo("/oauth/token")).withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_secret=s3cr3t"))
                .willReturn(okJson("{\"access_token\": \"at-1\", \"expires_in\": 3600}")));
        api.stubFor(get(urlEqualTo("/linked")).withHeader("Authorization", equalTo("Bearer at-1"))
                .willReturn(okJson("{\"data\": " + data(1, 2) + "}").withHeader("Link", "<" + api.baseUrl() + "/linked?page=2>; rel=\"next\"")));
        stub(get(urlEqualTo("/linked?page=2")).withHeader("Authorization", equalTo("Bearer at-1")), "{\"data\": " + data(3) + "}");
        runtime.runSync("by-link");
        assertIds("by_link", "1", "2", "3");
        api.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void aRejectedOAuth2TokenIsReplacedOnce() {
        api.stubFor(post(urlEqualTo("/rotating/token")).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\": \"revoked\", \"expires_in\": 3600}")).willSetStateTo("fresh"));
        api.stubFor(post(urlEqualTo("/rotating/token")).inScenario("tokens").whenScenarioStateIs("fresh")
                .willReturn(okJson("{\"access_token\": \"fresh\", \"expires_in\": 3600}")));
        api.stubFor(get(urlEqualTo("/rotated")).withHeader("Authorization", equalTo("Bearer revoked")).willReturn(aResponse().withStatus(401)));
        stub(get(urlEqualTo("/rotated")).withHeader("Authorization", equalTo("Bearer fresh")), "{\"data\": " + data(1) + "}");

        runtime.runSync("rotated");

        assertIds("rotated", "1");
        api.verify(2, postRequestedFor(urlEqualTo("/rotating/token")));
    }

    @Test
    void nextUrlsWithoutAuth() {
        stub(get(urlEqualTo("/next")).withHeader("Authorization", absent()), "{\"data\": " + data(5) + ", \"links\": {\"next\": \"/next?p=2\"}}");
        stub(get(urlEqualTo("/next?p=2")), "{\"data\": " + data(6) + ", \"links\": {}}");
        runtime.runSync("by-next-url");
        assertIds("by_next_url", "5", "6");
    }

    @Test
    void noPaginationAndRunningTwiceKeepsTheRowCount() {
        stub(get(urlEqualTo("/single")), "{\"data\": " + data(7, 8, 9) + "}");
        runtime.runSync("single");
        runtime.runSync("single");
        assertIds("single", "7", "8", "9");
        assertThat(runtime.lastRun("single").rows().changed()).as("nothing rewritten on the second run").isZero();
        api.verify(2, getRequestedFor(urlEqualTo("/single")));
    }
}
