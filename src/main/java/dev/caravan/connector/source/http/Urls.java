package dev.caravan.connector.source.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** URL building: base + path + encoded query, and resolving the relative links APIs return. */
public final class Urls {
    private Urls() {
    }

    public static String resolve(String baseUrl, String link) {
        return URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/").resolve(link).toString();
    }

    /** {@code baseUrl + path}, with {@code params} appended in a stable order. */
    public static String build(String baseUrl, String path, Map<String, String> params) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return withParams(base + path, params);
    }

    public static String withParams(String url, Map<String, String> params) {
        if (params.isEmpty()) {
            return url;
        }
        String query = new TreeMap<>(params).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return url + (url.contains("?") ? "&" : "?") + query;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
