package dev.caravan.connector.source.http;

import java.util.Optional;

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
}
