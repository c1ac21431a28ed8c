package dev.caravan.connector.source.http;

import dev.caravan.connector.http.JsonPaths;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A next-page token read from the body ({@code cursorPath}) and sent back in {@code cursorParam}.
 * No token, or an empty one, ends the walk, as does false at {@code hasMorePath} when set. The
 * first request carries no token.
 */
final class CursorPaginator implements Paginator {
    static final String FIRST = "";

    private final String cursorParam;
    private final String cursorPath;
    private final String sizeParam;
    private final int size;
    private final String hasMorePath;

    CursorPaginator(String cursorParam, String cursorPath, String sizeParam, int size, String hasMorePath) {
        this.hasMorePath = hasMorePath;
        this.cursorParam = cursorParam;
        this.cursorPath = cursorPath;
        this.sizeParam = sizeParam;
        this.size = size;
    }

    @Override
    public PageRequest first() {
        return resume(FIRST);
    }

    @Override
    public Optional<PageRequest> next(PageRequest current, Page page) {
        if (hasMorePath != null && JsonPaths.readText(page.body(), hasMorePath).filter("false"::equals).isPresent()) {
            return Optional.empty();
        }
        return JsonPaths.readText(page.body(), cursorPath).filter(t -> !t.isBlank()).map(this::resume);
    }

    @Override
    public OptionalInt fullPageSize() {
        return sizeParam != null ? OptionalInt.of(size) : OptionalInt.empty();
    }

    @Override
    public PageRequest resume(String token) {
        Map<String, String> params = new HashMap<>();
        if (!token.isEmpty()) {
            params.put(cursorParam, token);
        }
        if (sizeParam != null) {
            params.put(sizeParam, Integer.toString(size));
        }
        return PageRequest.params(token, params);
    }
}
