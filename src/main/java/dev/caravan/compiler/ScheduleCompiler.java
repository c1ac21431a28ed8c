package dev.caravan.compiler;

import dev.caravan.model.ScheduleSpec;

import java.util.Map;

/** Turns a schedule into a templated Quartz route that sends to a target endpoint. */
final class ScheduleCompiler {
    private ScheduleCompiler() {
    }

    /** The Quartz route that starts {@code id} (a sync or a sequence) on its schedule. */
    static Map<String, Object> scheduleRoute(RouteIds kind, String id, ScheduleSpec schedule) {
        String routeId = kind.scheduleRoute(id);
        String timerName = kind.timer(id);
        String target = kind.endpoint(id);
        String trigger = "schedule";
        if (schedule.isCron()) {
            return YamlDsl.templatedRoute(RouteTemplates.CRON_SCHEDULE, routeId, Map.of(
                    "timerName", timerName,
                    // camel-quartz reads '+' as the separator inside the cron option
                    "cron", schedule.cron().trim().replaceAll("\\s+", "+"),
                    "timezone", schedule.timezone(),
                    "target", target,
                    "trigger", trigger));
        }
        return YamlDsl.templatedRoute(RouteTemplates.INTERVAL_SCHEDULE, routeId, Map.of(
                "timerName", timerName,
                "intervalMillis", Long.toString(schedule.every().toMillis()),
                "target", target,
                "trigger", trigger));
    }
}
