package dev.caravan.connector.source.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 8288 {@code Link: <url>; rel="next"}; no next link ends the walk. */
final class LinkHeaderPaginator extends NextLinkPaginator {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

    LinkHeaderPaginator(NoPaginator firstPage, String baseUrl) {
        super(firstPage, baseUrl);
    }

    @Override
    Optional<String> nextLink(Page page) {
        return page.header("Link").flatMap(LinkHeaderPaginator::nextLink);
    }

    static Optional<String> nextLink(String header) {
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher rel = REL_NEXT.matcher(link.group(2));
            while (rel.find()) {
                for (String value : rel.group(1).trim().split("\\s+")) {
                    if (value.equalsIgnoreCase("next")) {
                        return Optional.of(link.group(1));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
