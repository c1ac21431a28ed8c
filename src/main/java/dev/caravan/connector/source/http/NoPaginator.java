package dev.caravan.connector.source.http;

import java.util.Map;
import java.util.Optional;

/** One request, one page; optionally with a page size parameter. */
final class NoPaginator implements Paginator {
    private final Map<String, String> params;

    NoPaginator(Map<String, String> params) {
        this.params = Map.copyOf(params);
    }

    @Override
    public PageRequest first() {
        return PageRequest.params("", params);
    }

    @Override
    public Optional<PageRequest> next(PageRequest current, Page page) {
        return Optional.empty();
    }

    @Override
    public PageRequest resume(String token) {
        return first();
    }
}
