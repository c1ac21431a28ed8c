package dev.caravan.connector.catalog;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.caravan.testing.StubbedApiTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The github-issues template against responses shaped as GitHub's REST API documents them: Link
 * header paging, since on updated_at, the secondary rate limit (403 with retry-after), the primary
 * one (403 with x-ratelimit-remaining 0 and x-ratelimit-reset), and refusals that must not be retried.
 */
class GitHubTemplateIT extends StubbedApiTest {
    private static final String ISSUES = "/repos/apache/camel/issues";
    private static final String SECONDARY = "{\"message\": \"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\","
            + " \"documentation_url\": \"https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\"}";

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("connections/github.yaml", bearerConnection("github", "ghp_test", ", remainingHeader: x-ratelimit-remaining, resetHeader: x-ratelimit-reset"));
        files.put("syncs/camel-issues.yaml", """
                kind: sync
                id: camel-issues
                source: { template: github-issues, connection: github, parameters: { owner: apache, repo: camel } }
                destination: { connection: warehouse, table: github.issues, mode: mirror }
                """);
        files.put("syncs/private-issues.yaml", """
                kind: sync
                id: private-issues
                source: { template: github-issues, connection: github, parameters: { owner: acme, repo: secret } }
                destination: { connection: warehouse, table: github.private_issues }
                """);
        startRuntime(files);
    }

    private static String issue(int number, String state, String updatedAt, boolean pullRequest) {
        return """
                {"id": %d, "node_id": "I_kwDOA%d", "number": %d, "title": "Issue %d", "state": "%s", "user": {"login": "ada", "id": 1},
                 "labels": [{"id": 7, "name": "bug"}], "comments": 0, "created_at": "2026-10-01T00:00:00Z", "updated_at": "%s",
                 "closed_at": null%s}""".formatted(1000 + number, number, number, number, state, updatedAt,
                pullRequest ? ", \"pull_request\": {\"url\": \"https://api.github.com/repos/apache/camel/pulls/" + number + "\"}" : "");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder page(String link, String... issues) {
        var response = aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "4990")
                .withBody("[" + String.join(",", issues) + "]");
        return link == null ? response : response.withHeader("Link", link);
    }

    @Test
    void pagesByLinkHeaderThenPollsSinceAndWaitsOutBothRateLimits() {
        String next = api.baseUrl() + "/repositories/206378/issues?state=all&sort=updated&direction=asc&per_page=100&page=2";
        api.stubFor(get(urlPathEqualTo(ISSUES)).withQueryParam("since", absent()).withQueryParam("state", equalTo("all"))
                .withQueryParam("sort", equalTo("updated")).withQueryParam("direction", equalTo("asc")).withQueryParam("per_page", equalTo("100"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")).withHeader("Authorization", equalTo("Bearer ghp_test"))
                .willReturn(page("<" + next + ">; rel=\"next\", <" + next + ">; rel=\"last\"",
                        issue(1, "open", "2026-11-01T10:00:00Z", false), issue(2, "open", "2026-11-01T10:03:00Z", true))));
        api.stubFor(get(urlPathEqualTo("/repositories/206378/issues")).inScenario("secondary").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open")
                .willReturn(aResponse().withStatus(403).withHeader("retry-after", "1").withHeader("Content-Type", "application/json").withBody(SECONDARY)));
        api.stubFor(get(urlPathEqualTo("/repositories/206378/issues")).inScenario("secondary").whenScenarioStateIs("open")
                .willReturn(page("<" + api.baseUrl() + ISSUES + "?page=1>; rel=\"first\"", issue(3, "open", "2026-11-01T10:05:00Z", false))));

        runtime.runSync("camel-issues");

        assertThat(runtime.sql("SELECT number || ' ' || state || ' ' || (pull_request IS NOT NULL) FROM github.issues ORDER BY number"))
                .containsExactly("1 open false", "2 open true", "3 open false");
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo("/repositories/206378/issues")))).as("one 403 with retry-after, then the page").hasSize(2);

        String since = "2026-11-01T10:04:00Z";
        String reset = Long.toString(Instant.now().getEpochSecond() + 1);
        api.stubFor(get(urlPathEqualTo(ISSUES)).withQueryParam("since", equalTo(since)).inScenario("primary").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("reset").willReturn(aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", reset)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"API rate limit exceeded for user ID 1.\", \"documentation_url\": \"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}")));
        api.stubFor(get(urlPathEqualTo(ISSUES)).withQueryParam("since", equalTo(since)).inScenario("primary").whenScenarioStateIs("reset")
                .willReturn(page(null, issue(3, "closed", "2026-11-02T08:00:00Z", false), issue(4, "open", "2026-11-02T09:00:00Z", false))));

        runtime.runSync("camel-issues");

        assertThat(runtime.sql("SELECT number || ' ' || state FROM github.issues ORDER BY number")).containsExactly("1 open", "2 open", "3 closed", "4 open");
        assertThat(runtime.sql("SELECT cursor_value FROM caravan.sync_state WHERE sync_id = 'camel-issues'")).containsExactly("2026-11-02T09:00:00Z");
        assertThat(api.findAll(getRequestedFor(urlPathEqualTo(ISSUES)).withQueryParam("since", equalTo(since)))).hasSize(2);
    }

    @Test
    void aRefusalWithoutRateLimitHeadersFailsAtOnce() {
        api.stubFor(get(urlPathEqualTo("/repos/acme/secret/issues")).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withHeader("x-ratelimit-remaining", "4999")
                .withBody("{\"message\": \"Resource not accessible by personal access token\", \"documentation_url\": \"https://docs.github.com/rest/issues/issues#list-repository-issues\", \"status\": \"403\"}")));

        assertThat(catchThrowable(() -> runtime.runSync("private-issues"))).isNotNull();

        assertThat(runtime.lastRun("private-issues").errorMessage()).contains("answered 403").contains("Resource not accessible");
        api.verify(1, getRequestedFor(urlPathEqualTo("/repos/acme/secret/issues")));
    }
}
