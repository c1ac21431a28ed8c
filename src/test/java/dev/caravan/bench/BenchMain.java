package dev.caravan.bench;

/** Runs a benchmark's body and exits: 0 when it completed, 1 when it threw. */
final class BenchMain {
    private BenchMain() {
    }

    interface Body {
        void run(String[] args) throws Exception;
    }

    static void run(Body body, String[] args) {
        int exitCode = 0;
        try {
            body.run(args);
        } catch (Exception e) {
            e.printStackTrace();
            exitCode = 1;
        }
        // the shared test PostgreSQL and the fixtures' threads would keep the JVM alive
        System.exit(exitCode);
    }
}
