package dev.caravan.model;

import java.util.List;

/** An ordered chain (or DAG, through {@code after}) of syncs with terminate policies and triggers. */
public record SequenceDefinition(
        Kind kind,
        String id,
        String description,
        Boolean enabled,
        ScheduleSpec schedule,
        List<TriggerSpec> triggers,
        Integer maxParallel,
        List<StepSpec> steps) {

    public SequenceDefinition {
        enabled = enabled == null || enabled;
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        maxParallel = maxParallel == null ? 1 : maxParallel;
        steps = List.copyOf(steps);
    }
}
