package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * How an API sync notices deleted records: a flag field on the record, a periodic scan of every
 * key, or a periodic walk of a list of deleted records. Scans and lists read the source's path and
 * parameters unless {@code path} or {@code params} say otherwise. {@code field}, when set, marks
 * deleted records under every method (an API that lists deleted records among live ones).
 */
public record DeletesSpec(DeleteDetection detect, DurationSpec every, String field, String path, Map<String, String> params) {
    public static final DeletesSpec NONE = new DeletesSpec(DeleteDetection.NONE, null, null, null, null);

    public DeletesSpec {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public enum DeleteDetection {
        @JsonProperty("none") NONE,
        @JsonProperty("full-scan") FULL_SCAN,
        @JsonProperty("flag") FLAG,
        @JsonProperty("list") LIST
    }
}
