package dev.caravan.connector.source.http;

import java.util.Map;

/**
 * One page to fetch: either query parameters added to the sync's path, or an absolute URL the API
 * handed out (next links). {@code token} is what progress stores to resume at this page.
 */
public record PageRequest(String token, Map<String, String> params, String absoluteUrl) {

    public static PageRequest params(String token, Map<String, String> params) {
        return new PageRequest(token, Map.copyOf(params), null);
    }

    public static PageRequest url(String url) {
        return new PageRequest(url, Map.of(), url);
    }
}
