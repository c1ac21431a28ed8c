package dev.caravan.state;

/**
 * Counts of one run: pages fetched and rows read, added, changed, removed and rejected; for an
 * activation, {@code read} is the rows in the model and {@code delivered} the rows a destination
 * confirmed.
 */
public record RowCounts(long pages, long read, long added, long changed, long removed, long rejected, long delivered) {
    public static final RowCounts NONE = new RowCounts(0, 0, 0, 0, 0, 0, 0);

    /**
     * Rows the run tried to write: for an activation, the changes sent (delivered or rejected);
     * for an API sync, the records read.
     */
    public long processed() {
        return delivered + rejected > 0 ? delivered + rejected : read;
    }

    public RowCounts withRead(long rows) {
        return new RowCounts(pages, rows, added, changed, removed, rejected, delivered);
    }
}
