package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * How an API sync notices deleted records: a flag field on the record, a periodic scan of every
 * key, or a periodic walk of a list of deleted records. Scans and lists read the source's path and
 * parameters unless {@code path} or {@code params} say otherwise. {@code field}, when set, marks
 * deleted records under every method (an API that lists deleted records among live ones).
 * A key scan confirms each absence before it removes a row: by {@code verify}, a lookup of the
 * record, or else by a second consistent scan; {@code keyset} pages it by key, and
 * {@code maxRemove} holds a larger removal for an operator.
 */
public record DeletesSpec(DeleteDetection detect, DurationSpec every, String field, String path, Map<String, String> params,
                          VerifySpec verify, KeysetSpec keyset, RemovalLimit maxRemove) {
    public static final DeletesSpec NONE = new DeletesSpec(DeleteDetection.NONE, null, null, null, null, null, null, null);

    public DeletesSpec {
        params = params == null ? Map.of() : Map.copyOf(params);
        maxRemove = maxRemove == null ? RemovalLimit.DEFAULT : maxRemove;
    }

    public enum DeleteDetection {
        @JsonProperty("none") NONE,
        @JsonProperty("full-scan") FULL_SCAN,
        @JsonProperty("flag") FLAG,
        @JsonProperty("list") LIST
    }
}
