package dev.caravan.connector.source.http;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Pages by key: each request asks for the records whose key is above the last one seen
 * ({@code ?after_id=K}), the API sorting by that key. Records cannot shift across a page boundary
 * while it walks, since no page's contents depend on how many records came before. Requests are
 * a cursor walk's, with the last record's key as the token; a short page ends the walk.
 */
final class KeysetPaginator implements Paginator {
    private final CursorPaginator requests;
    private final String keyField;
    private final int size;
    private final boolean sized;

    KeysetPaginator(String afterParam, String keyField, String sizeParam, int size) {
        this.requests = new CursorPaginator(afterParam, null, sizeParam, size, null);
        this.keyField = keyField;
        this.size = size;
        this.sized = sizeParam != null;
    }

    @Override
    public PageRequest first() {
        return requests.first();
    }

    @Override
    public Optional<PageRequest> next(PageRequest current, Page page) {
        if (page.records().isEmpty() || (sized && page.records().size() < size)) {
            return Optional.empty();
        }
        String lastKey = page.records().get(page.records().size() - 1).path(keyField).asText();
        return lastKey.isEmpty() ? Optional.empty() : Optional.of(resume(lastKey));
    }

    @Override
    public PageRequest resume(String token) {
        return requests.resume(token);
    }

    @Override
    public OptionalInt fullPageSize() {
        return requests.fullPageSize();
    }
}
