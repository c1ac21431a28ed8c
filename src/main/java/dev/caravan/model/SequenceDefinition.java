package dev.caravan.model;

import java.util.List;

/**
 * An ordered chain (or DAG, through {@code after}) of syncs with terminate policies and triggers.
 * {@code alerts} names the channels told about failures and recoveries; null means every channel.
 */
public record SequenceDefinition(
        Kind kind,
        String id,
        String description,
        Boolean enabled,
        ScheduleSpec schedule,
        List<TriggerSpec> triggers,
        Integer maxParallel,
        List<String> alerts,
        List<StepSpec> steps) {

    public SequenceDefinition {
        enabled = enabled == null || enabled;
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        maxParallel = maxParallel == null ? 1 : maxParallel;
        alerts = alerts == null ? null : List.copyOf(alerts);
        steps = List.copyOf(steps);
    }

    /** The step that runs {@code syncId}, by its position. */
    public int indexOf(String syncId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).sync().equals(syncId)) {
                return i;
            }
        }
        return -1;
    }

    /** The steps step {@code index} waits for: its {@code after}, or else the step before it. */
    public List<String> dependencies(int index) {
        StepSpec step = steps.get(index);
        return step.after() != null ? step.after() : index == 0 ? List.of() : List.of(steps.get(index - 1).sync());
    }
}
