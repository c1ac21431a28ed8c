package dev.caravan.compiler;

/**
 * Stable route ids and endpoint names derived from document ids. Health checks, metrics and run
 * history key on these, so they never come from Camel's generator.
 */
public enum RouteIds {
    /** {@code sync.<id>} from {@code direct:sync-<id>}, scheduled by Quartz trigger {@code poll-<id>}. */
    SYNC("sync", "sync-", "poll-"),
    /** {@code sequence.<id>} from {@code direct:sequence-<id>}, scheduled by Quartz trigger {@code seq-<id>}. */
    SEQUENCE("sequence", "sequence-", "seq-");

    public static final String QUARTZ_GROUP = "caravan";

    private final String routePrefix;
    private final String endpointPrefix;
    private final String timerPrefix;

    RouteIds(String routePrefix, String endpointPrefix, String timerPrefix) {
        this.routePrefix = routePrefix;
        this.endpointPrefix = endpointPrefix;
        this.timerPrefix = timerPrefix;
    }

    public String route(String id) {
        return routePrefix + "." + id;
    }

    public String scheduleRoute(String id) {
        return route(id) + ".schedule";
    }

    public String endpoint(String id) {
        return "direct:" + endpointPrefix + id;
    }

    /** The route of step {@code syncId} of sequence {@code sequenceId}: the sync run plus its terminate-policy check. */
    public static String stepRoute(String sequenceId, String syncId) {
        return SEQUENCE.route(sequenceId) + ".step." + syncId;
    }

    public static String stepEndpoint(String sequenceId, String syncId) {
        return SEQUENCE.endpoint(sequenceId) + "-step-" + syncId;
    }

    public String timer(String id) {
        return timerPrefix + id;
    }
}
