package dev.caravan.state;

/** Counts of one run: pages fetched and rows read, added, changed, removed and rejected. */
public record RowCounts(long pages, long read, long added, long changed, long removed, long rejected) {
    public static final RowCounts NONE = new RowCounts(0, 0, 0, 0, 0, 0);
}
