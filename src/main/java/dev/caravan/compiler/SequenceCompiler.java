package dev.caravan.compiler;

import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.StepSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One sequence: a route that calls each step's sync route in dependency order, stopping at the
 * first step that fails, and its schedule route. Terminate policies other than stop-on-failure
 * and parallel branches are compiled by the sequence engine (issue D), not here.
 */
final class SequenceCompiler {

    List<Map<String, Object>> compile(SequenceDefinition sequence) {
        List<Map<String, Object>> routes = new ArrayList<>();
        List<Map<String, Object>> steps = new ArrayList<>();
        steps.add(YamlDsl.setHeader("CaravanTrigger", "sequence"));
        for (String sync : executionOrder(sequence)) {
            steps.add(YamlDsl.to(RouteIds.SYNC.endpoint(sync)));
        }
        routes.add(YamlDsl.route(RouteIds.SEQUENCE.route(sequence.id()), "Sequence " + sequence.id(),
                RouteIds.SEQUENCE.endpoint(sequence.id()), steps));
        if (sequence.schedule() != null && sequence.enabled()) {
            routes.add(ScheduleCompiler.scheduleRoute(RouteIds.SEQUENCE, sequence.id(), sequence.schedule()));
        }
        return routes;
    }

    /** Steps in an order that respects {@code after} (validated acyclic), ties kept in file order. */
    static List<String> executionOrder(SequenceDefinition sequence) {
        List<StepSpec> steps = sequence.steps();
        Set<String> done = new LinkedHashSet<>();
        while (done.size() < steps.size()) {
            int before = done.size();
            for (int i = 0; i < steps.size(); i++) {
                StepSpec step = steps.get(i);
                List<String> after = step.after() != null ? step.after() : i == 0 ? List.of() : List.of(steps.get(i - 1).sync());
                if (!done.contains(step.sync()) && done.containsAll(after)) {
                    done.add(step.sync());
                }
            }
            if (done.size() == before) {
                throw new IllegalArgumentException("sequence " + sequence.id() + " has a cycle; validate rejects this");
            }
        }
        return List.copyOf(done);
    }
}
