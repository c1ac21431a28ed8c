package dev.caravan.compiler;

import java.util.List;

/**
 * The route templates the compiler instantiates, shipped on the classpath under
 * {@code caravan/templates/}. Their names and parameters are the compiler's contract with them.
 */
public final class RouteTemplates {
    public static final String SYNC_RUN = "caravan-sync-run";
    public static final String INTERVAL_SCHEDULE = "caravan-interval-schedule";
    public static final String CRON_SCHEDULE = "caravan-cron-schedule";

    /** Classpath locations of the template files, loaded before any compiled route. */
    public static final List<String> RESOURCES = List.of(
            "classpath:caravan/templates/error-handling.camel.yaml",
            "classpath:caravan/templates/sync-run.camel.yaml",
            "classpath:caravan/templates/schedules.camel.yaml");

    private RouteTemplates() {
    }
}
