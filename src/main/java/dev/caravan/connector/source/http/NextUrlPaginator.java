package dev.caravan.connector.source.http;

import dev.caravan.connector.http.JsonPaths;
import java.util.Optional;

/** The next page's URL read from the body ({@code nextUrlPath}); absent or null ends the walk. */
final class NextUrlPaginator extends NextLinkPaginator {
    private final String nextUrlPath;

    NextUrlPaginator(NoPaginator firstPage, String nextUrlPath, String baseUrl) {
        super(firstPage, baseUrl);
        this.nextUrlPath = nextUrlPath;
    }

    @Override
    Optional<String> nextLink(Page page) {
        return JsonPaths.readText(page.body(), nextUrlPath);
    }
}
