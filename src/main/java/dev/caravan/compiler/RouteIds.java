package dev.caravan.compiler;

/**
 * Stable route ids and endpoint names derived from document ids. Health checks, metrics and run
 * history key on these, so they never come from Camel's generator.
 */
public final class RouteIds {
    public static final String QUARTZ_GROUP = "caravan";

    private RouteIds() {
    }

    public static String syncRoute(String syncId) {
        return "sync." + syncId;
    }

    public static String syncScheduleRoute(String syncId) {
        return "sync." + syncId + ".schedule";
    }

    public static String syncEndpoint(String syncId) {
        return "direct:sync-" + syncId;
    }

    public static String syncTimer(String syncId) {
        return "poll-" + syncId;
    }

    public static String sequenceRoute(String sequenceId) {
        return "sequence." + sequenceId;
    }

    public static String sequenceScheduleRoute(String sequenceId) {
        return "sequence." + sequenceId + ".schedule";
    }

    public static String sequenceEndpoint(String sequenceId) {
        return "direct:sequence-" + sequenceId;
    }

    public static String sequenceTimer(String sequenceId) {
        return "seq-" + sequenceId;
    }
}
