package dev.caravan.config;

import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.StepSpec;
import dev.caravan.model.StepSpec.TerminatePolicy;
import dev.caravan.model.TriggerSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sequence's steps form a DAG: each sync appears once, {@code after} names steps of the same
 * sequence, and there is no cycle. Rejected-row thresholds go with {@code fatal-or-rejected}.
 * Across sequences, {@code after} triggers never loop back to where they started.
 */
final class SequenceGraphCheck implements ConfigCheck {

    @Override
    public void check(List<LoadedDocument> documents, List<ConfigProblem> problems) {
        Map<String, List<String>> triggeredAfter = new LinkedHashMap<>();
        Map<String, ConfigDocument> documentById = new HashMap<>();
        for (LoadedDocument loaded : documents) {
            if (loaded.model() instanceof SequenceDefinition sequence) {
                check(loaded.document(), sequence, problems);
                documentById.putIfAbsent(sequence.id(), loaded.document());
                triggeredAfter.putIfAbsent(sequence.id(), sequence.triggers().stream().map(TriggerSpec::after)
                        .filter(after -> after != null && !after.equals(sequence.id())).toList());
            }
        }
        List<String> loop = findCycle(triggeredAfter);
        if (!loop.isEmpty()) {
            problems.add(documentById.get(loop.get(0)).problem("/triggers",
                    "'after' triggers form a loop, so these sequences would start each other forever: " + String.join(" -> ", loop)));
        }
    }

    private void check(ConfigDocument doc, SequenceDefinition sequence, List<ConfigProblem> problems) {
        Map<String, Integer> indexBySync = new HashMap<>();
        List<StepSpec> steps = sequence.steps();
        for (int i = 0; i < steps.size(); i++) {
            StepSpec step = steps.get(i);
            Integer first = indexBySync.putIfAbsent(step.sync(), i);
            if (first != null) {
                problems.add(doc.problem("/steps/" + i + "/sync", "sync '" + step.sync() + "' is already step " + (first + 1) + " of this sequence"));
            }
            checkThresholds(doc, i, step, problems);
        }
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            StepSpec step = steps.get(i);
            List<String> after = sequence.dependencies(i);
            for (int j = 0; j < after.size(); j++) {
                if (!indexBySync.containsKey(after.get(j))) {
                    problems.add(doc.problem("/steps/" + i + "/after/" + j, "no step '" + after.get(j) + "' in this sequence"
                            + Suggestions.hint(after.get(j), indexBySync.keySet())));
                }
            }
            dependencies.putIfAbsent(step.sync(), after.stream().filter(indexBySync::containsKey).toList());
        }
        List<String> cycle = findCycle(dependencies);
        if (!cycle.isEmpty()) {
            problems.add(doc.problem("/steps/" + indexBySync.get(cycle.get(0)) + "/after",
                    "steps form a cycle: " + String.join(" -> ", cycle)));
        }
    }

    private static void checkThresholds(ConfigDocument doc, int i, StepSpec step, List<ConfigProblem> problems) {
        if (step.rejected() != null && step.terminate() != TerminatePolicy.FATAL_OR_REJECTED) {
            problems.add(doc.problem("/steps/" + i + "/rejected", "applies only with terminate: fatal-or-rejected"));
        }
        if (step.rejected() == null && step.terminate() == TerminatePolicy.FATAL_OR_REJECTED) {
            problems.add(doc.problem("/steps/" + i + "/terminate", "fatal-or-rejected needs 'rejected' with maxRows and/or maxPercent"));
        }
    }

    /** A cycle as the list of steps walked (first repeated at the end), or empty. */
    static List<String> findCycle(Map<String, List<String>> dependencies) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : dependencies.keySet()) {
            List<String> path = new ArrayList<>();
            if (visit(start, dependencies, state, path)) {
                String repeated = path.get(path.size() - 1);
                return path.subList(path.indexOf(repeated), path.size());
            }
        }
        return List.of();
    }

    private static boolean visit(String node, Map<String, List<String>> dependencies, Map<String, Integer> state, List<String> path) {
        int s = state.getOrDefault(node, 0);
        path.add(node);
        if (s == 1) {
            return true;
        }
        if (s == 2) {
            path.remove(path.size() - 1);
            return false;
        }
        state.put(node, 1);
        for (String next : dependencies.getOrDefault(node, List.of())) {
            if (visit(next, dependencies, state, path)) {
                return true;
            }
        }
        state.put(node, 2);
        path.remove(path.size() - 1);
        return false;
    }
}
