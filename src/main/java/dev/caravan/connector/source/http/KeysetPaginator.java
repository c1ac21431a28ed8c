package dev.caravan.connector.source.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Pages by key: each request asks for the records whose key is above the last one seen
 * ({@code ?after_id=K}), the API sorting by that key. Records cannot shift across a page boundary
 * while it walks, since no page's contents depend on how many records came before. The walk ends
 * on a page with fewer records than the page size (or none, when the size is not sent).
 */
final class KeysetPaginator implements Paginator {
    private final String afterParam;
    private final String keyField;
    private final String sizeParam;
    private final int size;

    KeysetPaginator(String afterParam, String keyField, String sizeParam, int size) {
        this.afterParam = afterParam;
        this.keyField = keyField;
        this.sizeParam = sizeParam;
        this.size = size;
    }

    @Override
    public PageRequest first() {
        return resume("");
    }

    @Override
    public Optional<PageRequest> next(PageRequest current, Page page) {
        boolean last = page.records().isEmpty() || (sizeParam != null && page.records().size() < size);
        if (last) {
            return Optional.empty();
        }
        String lastKey = page.records().get(page.records().size() - 1).path(keyField).asText();
        return lastKey.isEmpty() ? Optional.empty() : Optional.of(resume(lastKey));
    }

    @Override
    public PageRequest resume(String token) {
        Map<String, String> params = new HashMap<>();
        if (!token.isEmpty()) {
            params.put(afterParam, token);
        }
        if (sizeParam != null) {
            params.put(sizeParam, Integer.toString(size));
        }
        return PageRequest.params(token, params);
    }

    @Override
    public OptionalInt fullPageSize() {
        return sizeParam != null ? OptionalInt.of(size) : OptionalInt.empty();
    }
}
