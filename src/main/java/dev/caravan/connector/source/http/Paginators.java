package dev.caravan.connector.source.http;

import dev.caravan.model.PaginationSpec;

import java.util.Map;

/** Builds the paginator a sync's {@code pagination} describes, with the schema's defaults. */
public final class Paginators {
    private static final int DEFAULT_SIZE = 100;

    private Paginators() {
    }

    /** Records per page the spec asks for. */
    static int size(PaginationSpec spec) {
        return spec.size() != null ? spec.size() : DEFAULT_SIZE;
    }

    public static Paginator of(PaginationSpec spec, String baseUrl) {
        int size = size(spec);
        NoPaginator single = new NoPaginator(spec.sizeParam() != null ? Map.of(spec.sizeParam(), Integer.toString(size)) : Map.of());
        return switch (spec.type()) {
            case PAGE -> new PageNumberPaginator(or(spec.pageParam(), "page"), spec.sizeParam(), size,
                    spec.startPage() != null ? spec.startPage() : 1);
            case OFFSET -> new OffsetPaginator(or(spec.offsetParam(), "offset"), or(spec.limitParam(), "limit"), size);
            case CURSOR -> new CursorPaginator(spec.cursorParam(), spec.cursorPath(), spec.sizeParam(), size, spec.hasMorePath());
            case LINK_HEADER -> new LinkHeaderPaginator(single, baseUrl);
            case NEXT_URL -> new NextUrlPaginator(single, spec.nextUrlPath(), baseUrl);
            case NONE -> single;
        };
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
