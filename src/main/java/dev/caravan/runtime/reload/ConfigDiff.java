package dev.caravan.runtime.reload;

import dev.caravan.model.CaravanConfig;
import dev.caravan.model.ChannelDefinition;
import dev.caravan.model.ConnectionDefinition;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.SyncDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What a new configuration adds, changes and removes, as {@code kind/id} entries (sync/crm-contacts). */
public record ConfigDiff(List<String> added, List<String> changed, List<String> removed) {

    public static ConfigDiff between(CaravanConfig before, CaravanConfig after) {
        ConfigDiff diff = new ConfigDiff(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        diff.compare("connection", before.connections(), after.connections(), ConnectionDefinition::id);
        diff.compare("sync", before.syncs(), after.syncs(), SyncDefinition::id);
        diff.compare("sequence", before.sequences(), after.sequences(), SequenceDefinition::id);
        diff.compare("channel", before.channels(), after.channels(), ChannelDefinition::id);
        return new ConfigDiff(List.copyOf(diff.added), List.copyOf(diff.changed), List.copyOf(diff.removed));
    }

    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    /** Ids of {@code kind} that were changed or removed (whose old state must go). */
    public List<String> changedOrRemoved(String kind) {
        List<String> ids = new ArrayList<>();
        for (List<String> list : List.of(changed, removed)) {
            list.stream().filter(entry -> entry.startsWith(kind + "/")).map(entry -> entry.substring(kind.length() + 1)).forEach(ids::add);
        }
        return ids;
    }

    private <T> void compare(String kind, List<T> before, List<T> after, Function<T, String> id) {
        Map<String, T> old = new LinkedHashMap<>();
        before.forEach(item -> old.put(id.apply(item), item));
        for (T item : after) {
            T previous = old.remove(id.apply(item));
            if (previous == null) {
                added.add(kind + "/" + id.apply(item));
            } else if (!previous.equals(item)) {
                changed.add(kind + "/" + id.apply(item));
            }
        }
        old.keySet().forEach(gone -> removed.add(kind + "/" + gone));
    }
}
