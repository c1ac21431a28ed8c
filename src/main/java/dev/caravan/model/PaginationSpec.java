package dev.caravan.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a source walks pages. Which fields apply depends on {@link #type()}. */
public record PaginationSpec(
        PaginationType type,
        String pageParam,
        String sizeParam,
        Integer size,
        Integer startPage,
        String offsetParam,
        String limitParam,
        String cursorParam,
        String cursorPath,
        String nextUrlPath,
        String hasMorePath) {

    public static final PaginationSpec NONE = new PaginationSpec(PaginationType.NONE, null, null, null, null, null, null, null, null, null, null);

    public enum PaginationType {
        @JsonProperty("page") PAGE,
        @JsonProperty("offset") OFFSET,
        @JsonProperty("cursor") CURSOR,
        @JsonProperty("link-header") LINK_HEADER,
        @JsonProperty("next-url") NEXT_URL,
        @JsonProperty("none") NONE
    }
}
