package dev.caravan.runtime.apisync;

import dev.caravan.connector.source.http.Page;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A poll's guard against skipped records. Pages are sorted by the cursor, so a record skipped by
 * a shift sits after every record read before the shift: its cursor is at least the highest cursor
 * of the pages that {@link ListingCheck} vouches for. The poll's cursor is therefore held where the
 * next poll's lower bound reaches back to that point. Newest-first feeds are exempt: a shift there
 * lists records twice, it never skips one.
 */
final class ShiftWatch {
    private final ApiSyncContext context;
    private final boolean exempt;
    private ListingCheck check;
    private Instant windowFloor;
    private final List<Instant> maxAfterPage = new ArrayList<>();
    private Instant safePoint;
    private final List<String> signs = new ArrayList<>();

    /** @param floor the poll's lower bound (cursor minus lookback), or null without a cursor */
    ShiftWatch(ApiSyncContext context, boolean newestFirst, Instant floor) {
        this.context = context;
        this.exempt = newestFirst;
        this.windowFloor = floor;
        this.check = new ListingCheck(context.keys().primaryKey(), context.total());
    }

    /** Notes a page and the highest cursor read so far (null when there is none). */
    void page(Page page, boolean last, OptionalInt fullSize, Instant maxCursor) {
        if (exempt) {
            return;
        }
        check.page(page, last, fullSize);
        maxAfterPage.add(maxCursor);
    }

    /** A capped query ended and a new one starts from {@code floor}: its listing is watched afresh. */
    void newWindow(Instant floor) {
        settle();
        check = new ListingCheck(context.keys().primaryKey(), context.total());
        maxAfterPage.clear();
        windowFloor = floor;
    }

    /**
     * The cursor to commit at the end of the poll: {@code maxCursor} when the listing held still;
     * otherwise the highest point the next poll may start from without passing a skipped record,
     * never behind {@code previous}. The next bound is then the last vouched-for cursor, so each poll
     * still gains at least its first pages: an API that never stops changing is read forward, page
     * by page, rather than from the same point forever.
     *
     * @param wholeWindow whether the poll read its whole window (no cap), so a total that disagrees with the records read counts
     */
    Instant safeCursor(Instant previous, Instant maxCursor, Duration lookback, boolean wholeWindow) {
        if (!exempt && wholeWindow) {
            check.finish();
        }
        settle();
        if (safePoint == null || maxCursor == null) {
            return maxCursor;
        }
        Instant reach = safePoint.plus(lookback == null ? Duration.ZERO : lookback);
        Instant held = reach.isBefore(maxCursor) ? reach : maxCursor;
        return previous != null && held.isBefore(previous) ? previous : held;
    }

    boolean held() {
        return !signs.isEmpty();
    }

    List<String> signs() {
        return List.copyOf(signs);
    }

    private void settle() {
        if (exempt || check.consistent() || safePoint != null) {
            return;
        }
        signs.addAll(check.signs());
        int vouched = check.consistentPages();
        Instant point = vouched == 0 ? windowFloor : maxAfterPage.get(vouched - 1);
        safePoint = point != null ? point : Instant.EPOCH;
    }
}
