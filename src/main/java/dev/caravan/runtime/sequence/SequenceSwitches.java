package dev.caravan.runtime.sequence;

import dev.caravan.model.SequenceDefinition;
import dev.caravan.state.jdbc.JdbcSequenceSwitches;
import dev.caravan.state.jdbc.JdbcSequenceSwitches.Switch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each sequence is enabled: the file's {@code enabled:}, unless switched at run time
 * (persisted, so a restart keeps it) while the file still says what it said then.
 */
public final class SequenceSwitches {
    private final JdbcSequenceSwitches store;
    private final Map<String, Switch> switches;

    public SequenceSwitches(JdbcSequenceSwitches store) {
        this.store = store;
        this.switches = new ConcurrentHashMap<>(store.all());
    }

    public boolean isEnabled(SequenceDefinition sequence) {
        Switch set = switches.get(sequence.id());
        return set != null && set.appliesTo(sequence.enabled()) ? set.enabled() : sequence.enabled();
    }

    public void set(SequenceDefinition sequence, boolean enabled) {
        Switch value = new Switch(enabled, sequence.enabled());
        store.set(sequence.id(), value);
        switches.put(sequence.id(), value);
    }
}
