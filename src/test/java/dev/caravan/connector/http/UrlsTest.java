package dev.caravan.connector.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class UrlsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "https://api.x.io/v1/items?api_key=s3cr3t&page=2|https://api.x.io/v1/items?api_key=***&page=2",
            "https://bot:pw@api.x.io/v1/items?page=2|https://api.x.io/v1/items?page=2",
            "https://api.x.io/v1/items|https://api.x.io/v1/items",
            "https://api.x.io/v1/items?api%5Fkey=s3cr3t|https://api.x.io/v1/items?api%5Fkey=***",
    })
    void redactsCredentialsForLogs(String url, String shown) {
        assertThat(Urls.redact(url, Set.of("api_key"))).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({"https://a.io/v1,/items", "https://a.io/v1/,/items"})
    void buildsUrlsWithEncodedSortedParameters(String base, String path) {
        assertThat(Urls.build(base, path, Map.of("q", "a b&c", "after", "x/y"))).isEqualTo("https://a.io/v1/items?after=x%2Fy&q=a%20b%26c");
    }
}
