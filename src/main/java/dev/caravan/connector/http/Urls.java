package dev.caravan.connector.http;

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

    /** {@code url} for logs: no user info, and the values of {@code maskedParams} replaced by {@code ***}. */
    public static String redact(String url, java.util.Set<String> maskedParams) {
        String withoutUser = url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@?#]*@", "$1");
        int query = withoutUser.indexOf('?');
        if (query < 0 || maskedParams.isEmpty()) {
            return withoutUser;
        }
        StringBuilder out = new StringBuilder(withoutUser.substring(0, query + 1));
        String[] pairs = withoutUser.substring(query + 1).split("&");
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pairs[i] : pairs[i].substring(0, eq), StandardCharsets.UTF_8);
            out.append(i > 0 ? "&" : "").append(eq >= 0 && maskedParams.contains(name) ? pairs[i].substring(0, eq) + "=***" : pairs[i]);
        }
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
