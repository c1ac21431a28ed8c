package dev.caravan.model;

import java.util.List;
import java.util.Map;

/**
 * Records read from a REST API path, page by page. {@code flatten} names an object member whose
 * fields become the record's own (an API that wraps values in {@code properties} or {@code fields}).
 */
public record HttpSourceSpec(
        String connection,
        String path,
        Map<String, String> params,
        Map<String, String> headers,
        String records,
        List<String> primaryKey,
        PaginationSpec pagination,
        IncrementalSpec incremental,
        DeletesSpec deletes,
        TotalSpec total,
        String flatten) implements SourceSpec {

    public HttpSourceSpec {
        params = params == null ? Map.of() : Map.copyOf(params);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        records = records == null ? "$" : records;
        primaryKey = List.copyOf(primaryKey);
        pagination = pagination == null ? PaginationSpec.NONE : pagination;
        deletes = deletes == null ? DeletesSpec.NONE : deletes;
    }
}
