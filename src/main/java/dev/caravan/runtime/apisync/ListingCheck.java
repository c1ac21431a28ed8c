package dev.caravan.runtime.apisync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.caravan.connector.destination.postgres.TableKeys;
import dev.caravan.connector.source.http.Page;
import dev.caravan.connector.source.http.PageTotal;
import dev.caravan.model.TotalSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Watches a walk of pages for signs that the listing shifted under it. With page or offset paging
 * (and cursors that encode an offset), a record that moves or goes away while the walk is under
 * way shifts every later record by one, so one record is listed twice or never. The signs: a key
 * listed twice, a total that changes between pages, a page cut short before the last. Each sign
 * dates the shift: nothing read before it can have been skipped, which is what
 * {@link #consistentPages()} reports.
 */
final class ListingCheck {
    private final List<String> primaryKey;
    private final TotalSpec total;
    private final Map<String, Integer> firstPageOfKey = new HashMap<>();
    private final List<String> signs = new ArrayList<>();
    private int pages;
    private long listed;
    private Long firstTotal;
    private Long lastTotal;
    private int consistentPages = Integer.MAX_VALUE;

    /** @param total where the API reports its record count, or null */
    ListingCheck(List<String> primaryKey, TotalSpec total) {
        this.primaryKey = primaryKey;
        this.total = total;
    }

    /**
     * Notes one page; {@code last} when no page follows, {@code fullSize} the records a page
     * before the last holds.
     */
    void page(Page page, boolean last, OptionalInt fullSize) {
        int index = pages++;
        for (JsonNode record : page.records()) {
            listed++;
            String key = TableKeys.canonical(record, primaryKey);
            Integer first = firstPageOfKey.putIfAbsent(key, index);
            if (first != null) {
                shifted(first + 1, "key " + key + " listed twice (pages " + (first + 1) + " and " + (index + 1) + ")");
            }
        }
        Long reported = PageTotal.of(page, total).orElse(null);
        if (reported != null) {
            if (lastTotal != null && !lastTotal.equals(reported)) {
                shifted(index, "the total changed from " + lastTotal + " to " + reported + " at page " + (index + 1));
            }
            firstTotal = firstTotal == null ? reported : firstTotal;
            lastTotal = reported;
        }
        if (!last && fullSize.isPresent() && page.records().size() < fullSize.getAsInt()) {
            shifted(index, "page " + (index + 1) + " was cut short (" + page.records().size() + " of " + fullSize.getAsInt() + " records)");
        }
    }

    /** Once the walk ended: a total that disagrees with what was listed is a sign too. */
    void finish() {
        if (lastTotal != null && lastTotal != listed && signs.isEmpty()) {
            shifted(pages - 1, "the API reported " + lastTotal + " records but listed " + listed);
        }
    }

    private void shifted(int pagesBefore, String sign) {
        consistentPages = Math.min(consistentPages, pagesBefore);
        if (signs.size() < 5) {
            signs.add(sign);
        }
    }

    boolean consistent() {
        return signs.isEmpty();
    }

    /** The leading pages that no shift can have touched (all of them when the walk held still). */
    int consistentPages() {
        return Math.min(consistentPages, pages);
    }

    /** Up to five signs, in the order seen. */
    List<String> signs() {
        return List.copyOf(signs);
    }

    long listed() {
        return listed;
    }

    long distinct() {
        return firstPageOfKey.size();
    }

    Long reportedTotal() {
        return lastTotal;
    }
}
