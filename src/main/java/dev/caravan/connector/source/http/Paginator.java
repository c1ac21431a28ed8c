package dev.caravan.connector.source.http;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Walks the pages of one request. Implementations are stateless: everything needed to continue
 * is in the {@link PageRequest} and the {@link Page} just fetched, so a walk can resume from a
 * stored token after a restart.
 */
public interface Paginator {

    /** The first page of a walk. */
    PageRequest first();

    /** The page after {@code page} (fetched with {@code current}), or empty when it was the last. */
    Optional<PageRequest> next(PageRequest current, Page page);

    /** The request a stored {@link PageRequest#token()} stands for. */
    PageRequest resume(String token);

    /**
     * Records every page but the last holds when the listing holds still, when the request asks
     * for a page size; a shorter page before the last is a sign that records moved during the walk.
     */
    default OptionalInt fullPageSize() {
        return OptionalInt.empty();
    }
}
