package dev.caravan.connector.source.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ?page=N&per_page=S}. The last page is the first one with fewer records than the page
 * size (or with none, when the size is not sent).
 */
final class PageNumberPaginator implements Paginator {
    private final String pageParam;
    private final String sizeParam;
    private final int size;
    private final int startPage;

    PageNumberPaginator(String pageParam, String sizeParam, int size, int startPage) {
        this.pageParam = pageParam;
        this.sizeParam = sizeParam;
        this.size = size;
        this.startPage = startPage;
    }

    @Override
    public PageRequest first() {
        return resume(Integer.toString(startPage));
    }

    @Override
    public Optional<PageRequest> next(PageRequest current, Page page) {
        boolean last = page.records().isEmpty() || (sizeParam != null && page.records().size() < size);
        return last ? Optional.empty() : Optional.of(resume(Long.toString(Long.parseLong(current.token()) + 1)));
    }

    @Override
    public PageRequest resume(String token) {
        Map<String, String> params = new HashMap<>();
        params.put(pageParam, token);
        if (sizeParam != null) {
            params.put(sizeParam, Integer.toString(size));
        }
        return PageRequest.params(token, params);
    }
}
