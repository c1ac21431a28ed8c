package dev.caravan.connector.source.http;

import dev.caravan.connector.http.Urls;
import java.util.Optional;

/**
 * Paginators where the API hands out the next page's URL (in a header or the body). The walk
 * starts at the sync's path; a stored token is the URL of the page to fetch.
 */
abstract class NextLinkPaginator implements Paginator {
    private final NoPaginator firstPage;
    private final String baseUrl;

    NextLinkPaginator(NoPaginator firstPage, String baseUrl) {
        this.firstPage = firstPage;
        this.baseUrl = baseUrl;
    }

    /** The next page's URL as the API gave it (possibly relative), or empty on the last page. */
    abstract Optional<String> nextLink(Page page);

    @Override
    public final PageRequest first() {
        return firstPage.first();
    }

    @Override
    public final Optional<PageRequest> next(PageRequest current, Page page) {
        return nextLink(page).filter(url -> !url.isBlank()).map(url -> PageRequest.url(Urls.resolve(baseUrl, url)));
    }

    @Override
    public final PageRequest resume(String token) {
        return token.isEmpty() ? first() : PageRequest.url(token);
    }
}
