package dev.caravan.connector.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.model.DeletesSpec;
import dev.caravan.model.HttpSourceSpec;
import dev.caravan.model.IncrementalSpec;
import dev.caravan.model.VerifySpec;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import java.util.HashMap;
import java.util.Map;

/** The endpoints an API sync reads, from its source: what each overrides of the source's own request. */
public final class Endpoints {
    private final HttpSourceSpec source;
    private final String baseUrl;

    public Endpoints(HttpSourceSpec source, String baseUrl) {
        this.source = source;
        this.baseUrl = baseUrl;
    }

    /** The source's own request, walked from the first page. */
    public Endpoint backfill() {
        return new Endpoint("GET", source.path(), source.params(), null, null, source.records(),
                new RecordShape(null, source.flatten(), source.deletes().field(), null), Paginators.of(source.pagination(), baseUrl));
    }

    /**
     * The poll for changes; the source's request unless {@code incremental} names another. A POST
     * search takes only the poll's own query parameters: the list's do not apply to it.
     */
    public Endpoint poll() {
        IncrementalSpec incremental = source.incremental();
        if (incremental == null) {
            return backfill();
        }
        boolean search = incremental.body() != null;
        return new Endpoint(search ? "POST" : "GET", or(incremental.path(), source.path()),
                search ? incremental.params() : merged(incremental.params()), incremental.body(), incremental.param(),
                or(incremental.records(), source.records()),
                new RecordShape(incremental.record(), source.flatten(), source.deletes().field(), incremental.deletedWhen()),
                Paginators.of(incremental.pagination() != null ? incremental.pagination() : source.pagination(), baseUrl));
    }

    /** The key scan's or deleted list's request; a scan with {@code keyset} pages by key. */
    public Endpoint deletes() {
        DeletesSpec deletes = source.deletes();
        Paginator paginator = deletes.keyset() != null
                ? new KeysetPaginator(deletes.keyset().param(), source.primaryKey().get(0), source.pagination().sizeParam(), Paginators.size(source.pagination()))
                : Paginators.of(source.pagination(), baseUrl);
        return new Endpoint("GET", or(deletes.path(), source.path()), merged(deletes.params()), null, null, source.records(),
                new RecordShape(null, source.flatten(), deletes.field(), null), paginator);
    }

    /**
     * The lookup of one record by its key ({@code deletes.verify}), or null when none is configured:
     * the path's {@code {field}} placeholders take the key's URL-encoded values.
     */
    public Endpoint lookup(JsonNode key) {
        VerifySpec verify = source.deletes().verify();
        if (verify == null) {
            return null;
        }
        String path = verify.path();
        for (String field : source.primaryKey()) {
            path = path.replace("{" + field + "}", URLEncoder.encode(key.path(field).asText(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return new Endpoint("GET", path, Map.of(), null, null, verify.record(), new RecordShape(null, source.flatten(), source.deletes().field(), null),
                new NoPaginator(Map.of()));
    }

    private Map<String, String> merged(Map<String, String> overrides) {
        Map<String, String> params = new HashMap<>(source.params());
        params.putAll(overrides);
        return params;
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
