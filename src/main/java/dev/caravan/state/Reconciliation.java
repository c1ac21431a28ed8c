package dev.caravan.state;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What one API-sync run proved about its table. Every run has {@code rowsWritten}; a poll that saw
 * its listing shift says so in {@code pollHeld}; a key scan fills the rest. Null members were not
 * measured by this run.
 *
 * @param keysListed       records the scan listed, repeats included
 * @param distinctKeys     distinct keys among them
 * @param apiTotal         the total the API reported at the end of the scan, when it reports one
 * @param consistent       whether the listing held still; an inconsistent scan removes nothing
 * @param inconsistencies  the signs that it shifted (a key listed twice, a changed total, a page cut short)
 * @param removed          rows removed because their absence was confirmed
 * @param repaired         rows the API lists that the table lacked, written back
 * @param held             confirmed removals held for an operator (more than maxRemove)
 * @param unconfirmed      rows the API did not list, waiting for a lookup or a second scan to confirm
 * @param result           one sentence: whether the table matches the API as far as this run can tell
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reconciliation(
        long rowsWritten,
        Boolean pollHeld,
        Long keysListed,
        Long distinctKeys,
        Long apiTotal,
        Boolean consistent,
        List<String> inconsistencies,
        Long removed,
        Long repaired,
        Long held,
        Long unconfirmed,
        String result) {

    /** A run that only wrote rows: a backfill's pages. */
    public static Reconciliation written(long rows) {
        return new Reconciliation(rows, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * A poll: rows written, the signs of a shift that held its cursor (none when it held still),
     * and the rows of an approved removal carried out before it.
     */
    public static Reconciliation poll(long rowsWritten, List<String> signs, long approvedRemovals) {
        boolean held = !signs.isEmpty();
        return new Reconciliation(rowsWritten + approvedRemovals, held, null, null, null, null, null, approvedRemovals > 0 ? approvedRemovals : null,
                null, null, null, held ? "the poll's listing shifted (" + String.join("; ", signs) + "); the next poll reads again from the last "
                + "consistent page" : null);
    }

    /** This key scan's record with the poll that ran before it in the same run. */
    public Reconciliation afterPoll(Reconciliation poll) {
        long pollRemoved = poll.removed() == null ? 0 : poll.removed();
        return new Reconciliation(poll.rowsWritten() + rowsWritten, poll.pollHeld(), keysListed, distinctKeys, apiTotal, consistent, inconsistencies,
                (removed == null ? 0 : removed) + pollRemoved, repaired, held, unconfirmed, result);
    }
}
