package dev.caravan.model;

import java.util.List;
import java.util.Optional;

/** The whole loaded configuration: immutable, validated, ready to compile. */
public record CaravanConfig(
        List<ConnectionDefinition> connections,
        List<SyncDefinition> syncs,
        List<SequenceDefinition> sequences,
        List<ChannelDefinition> channels) {

    public CaravanConfig {
        connections = List.copyOf(connections);
        syncs = List.copyOf(syncs);
        sequences = List.copyOf(sequences);
        channels = List.copyOf(channels);
    }

    public Optional<ConnectionDefinition> connection(String id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<SyncDefinition> sync(String id) {
        return syncs.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<SequenceDefinition> sequence(String id) {
        return sequences.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
