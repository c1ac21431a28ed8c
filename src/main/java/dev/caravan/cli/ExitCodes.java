package dev.caravan.cli;

/** Process exit codes: scripts, cron and CI branch on them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int RUNTIME_FAILURE = 1;
    public static final int INVALID_CONFIGURATION = 2;

    private ExitCodes() {
    }
}
