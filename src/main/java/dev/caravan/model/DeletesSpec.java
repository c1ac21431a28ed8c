package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an API sync notices deleted records: a flag field on the record, or a periodic key scan. */
public record DeletesSpec(DeleteDetection detect, DurationSpec every, String field) {
    public static final DeletesSpec NONE = new DeletesSpec(DeleteDetection.NONE, null, null);

    public enum DeleteDetection {
        @JsonProperty("none") NONE,
        @JsonProperty("full-scan") FULL_SCAN,
        @JsonProperty("flag") FLAG
    }
}
