package dev.caravan.state;

/**
 * Counts of one run: pages fetched and rows read, added, changed, removed and rejected; for an
 * activation, {@code read} is the rows in the model and {@code delivered} the rows a destination
 * confirmed.
 */
public record RowCounts(long pages, long read, long added, long changed, long removed, long rejected, long delivered) {
    public static final RowCounts NONE = new RowCounts(0, 0, 0, 0, 0, 0, 0);

    public RowCounts withRead(long rows) {
        return new RowCounts(pages, rows, added, changed, removed, rejected, delivered);
    }
}
