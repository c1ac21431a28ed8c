package dev.caravan.connector.source.http;

import java.util.Optional;

/** The next page's URL read from the body ({@code nextUrlPath}); absent or null ends the walk. */
final class NextUrlPaginator implements Paginator {
    private final NoPaginator firstPage;
    private final String nextUrlPath;
    private final String baseUrl;

    NextUrlPaginator(NoPaginator firstPage, String nextUrlPath, String baseUrl) {
        this.firstPage = firstPage;
        this.nextUrlPath = nextUrlPath;
        this.baseUrl = baseUrl;
    }

    @Override
    public PageRequest first() {
        return firstPage.first();
    }

    @Override
    public Optional<PageRequest> next(PageRequest current, Page page) {
        return JsonPaths.readText(page.body(), nextUrlPath).filter(u -> !u.isBlank())
                .map(url -> PageRequest.url(Urls.resolve(baseUrl, url)));
    }

    @Override
    public PageRequest resume(String token) {
        return token.isEmpty() ? first() : PageRequest.url(token);
    }
}
