package dev.caravan.runtime.sequence;

import dev.caravan.state.RowCounts;
import dev.caravan.state.RunHistory;
import dev.caravan.state.SyncRun;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * The check at the end of each step route: reads the run the step's sync just finished and, for
 * {@code fatal-or-rejected}, compares its rejected rows with the step's thresholds. The runner
 * applies the verdict; a failed run never gets here (its exception goes to the runner instead).
 */
public final class StepJudge {
    private final RunHistory history;

    public StepJudge(RunHistory history) {
        this.history = history;
    }

    public StepResult judge(@Body long syncRunId, @Header("CaravanRejectedMaxRows") Long maxRows,
                            @Header("CaravanRejectedMaxPercent") Double maxPercent) {
        SyncRun run = history.find(syncRunId).orElseThrow(() -> new IllegalStateException("sync run " + syncRunId + " is not in run history"));
        return new StepResult(run, breach(run.rows(), maxRows, maxPercent));
    }

    /** Why the rejected rows are over a threshold, or null when they are not. */
    public static String breach(RowCounts rows, Long maxRows, Double maxPercent) {
        long rejected = rows.rejected();
        if (maxRows != null && rejected > maxRows) {
            return "rejected " + rejected + " row(s), more than maxRows " + maxRows;
        }
        long processed = rows.processed();
        if (maxPercent != null && processed > 0 && rejected * 100.0 / processed > maxPercent) {
            return String.format("rejected %d of %d row(s) (%.1f%%), more than maxPercent %s", rejected, processed,
                    rejected * 100.0 / processed, maxPercent);
        }
        return null;
    }

    /** A finished sync run and, if its rejected rows are over the step's threshold, why. */
    public record StepResult(SyncRun run, String rejectedBreach) {
    }
}
