package dev.caravan.compiler;

import dev.caravan.model.SyncDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One sync: its run route ({@code direct:sync-<id>}) and, when scheduled, its Quartz trigger route. */
final class SyncCompiler {

    List<Map<String, Object>> compile(SyncDefinition sync) {
        List<Map<String, Object>> routes = new ArrayList<>();
        routes.add(YamlDsl.templatedRoute(RouteTemplates.SYNC_RUN, RouteIds.SYNC.route(sync.id()), Map.of("syncId", sync.id())));
        if (sync.schedule() != null) {
            routes.add(ScheduleCompiler.scheduleRoute(RouteIds.SYNC, sync.id(), sync.schedule()));
        }
        return routes;
    }
}
