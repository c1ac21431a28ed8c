package dev.caravan.connector.source.http;

import java.util.Map;
import java.util.Optional;

/** {@code ?offset=O&limit=L}; the last page has fewer than L records. */
final class OffsetPaginator implements Paginator {
    private final String offsetParam;
    private final String limitParam;
    private final int limit;

    OffsetPaginator(String offsetParam, String limitParam, int limit) {
        this.offsetParam = offsetParam;
        this.limitParam = limitParam;
        this.limit = limit;
    }

    @Override
    public PageRequest first() {
        return resume("0");
    }

    @Override
    public Optional<PageRequest> next(PageRequest current, Page page) {
        if (page.records().size() < limit) {
            return Optional.empty();
        }
        return Optional.of(resume(Long.toString(Long.parseLong(current.token()) + page.records().size())));
    }

    @Override
    public PageRequest resume(String token) {
        return PageRequest.params(token, Map.of(offsetParam, token, limitParam, Integer.toString(limit)));
    }
}
