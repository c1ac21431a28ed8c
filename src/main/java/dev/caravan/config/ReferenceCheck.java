package dev.caravan.config;

import dev.caravan.model.ConnectionDefinition;
import dev.caravan.model.ConnectionType;
import dev.caravan.model.HttpDestination;
import dev.caravan.model.HttpSourceSpec;
import dev.caravan.model.Kind;
import dev.caravan.model.PostgresConnection;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.SyncDefinition;
import dev.caravan.model.TableDestination;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every reference resolves to a document of the right kind and type: a sync's connections, and
 * a sequence's syncs.
 */
final class ReferenceCheck implements ConfigCheck {

    @Override
    public void check(List<LoadedDocument> documents, List<ConfigProblem> problems) {
        Set<String> syncIds = declared(documents, Kind.SYNC);
        Set<String> connectionIds = declared(documents, Kind.CONNECTION);
        Set<String> sequenceIds = declared(documents, Kind.SEQUENCE);
        Set<String> channelIds = declared(documents, Kind.CHANNEL);
        Map<String, ConnectionDefinition> connections = new HashMap<>();
        documents.stream().filter(d -> d.model() instanceof ConnectionDefinition)
                .forEach(d -> connections.putIfAbsent(d.id(), (ConnectionDefinition) d.model()));
        for (LoadedDocument loaded : documents) {
            if (loaded.model() instanceof SyncDefinition sync) {
                checkSync(loaded.document(), sync, connectionIds, connections, problems);
                checkChannels(loaded.document(), "/alerts/channels/", sync.alerts() == null ? List.of() : sync.alerts().channels(), channelIds, problems);
            } else if (loaded.model() instanceof SequenceDefinition sequence) {
                checkSequence(loaded.document(), sequence, syncIds, problems);
                checkTriggersAndAlerts(loaded.document(), sequence, sequenceIds, channelIds, problems);
            }
        }
    }

    private void checkSync(ConfigDocument doc, SyncDefinition sync, Set<String> connectionIds,
                           Map<String, ConnectionDefinition> connections, List<ConfigProblem> problems) {
        boolean apiSync = sync.source() instanceof HttpSourceSpec;
        ConnectionRule rule = new ConnectionRule(doc, connectionIds, connections, problems);
        rule.check("/source/connection", sync.source().connection(), apiSync ? ConnectionType.HTTP : ConnectionType.POSTGRES);
        rule.check("/destination/connection", sync.destination().connection(),
                sync.destination() instanceof TableDestination ? ConnectionType.POSTGRES : ConnectionType.HTTP);
        if (sync.destination() instanceof TableDestination table
                && connections.get(table.connection()) instanceof PostgresConnection postgres && !postgres.isRuntimeDatabase()) {
            problems.add(doc.problem("/destination/connection", (apiSync ? "an API sync" : "an activation") + " writes tables in the runtime's own"
                    + " database (a postgres connection with url: embedded), so its rows and its " + (apiSync ? "cursor" : "snapshot")
                    + " commit together; '" + table.connection() + "' is another database"));
        }
        if (!apiSync && connections.get(sync.source().connection()) instanceof PostgresConnection postgres && !postgres.isRuntimeDatabase()) {
            problems.add(doc.problem("/source/connection", "an activation's model runs on the runtime's own database (a postgres connection with"
                    + " url: embedded), where its snapshot lives; '" + sync.source().connection() + "' is another database, which this version"
                    + " cannot diff against"));
        }
        if (apiSync && sync.destination() instanceof HttpDestination) {
            problems.add(doc.problem("/destination", "an API sync (source.path) writes to a table: give destination.table"));
        }
    }

    /** Checks connection references of one sync document. */
    private record ConnectionRule(ConfigDocument doc, Set<String> declared, Map<String, ConnectionDefinition> bound,
                                  List<ConfigProblem> problems) {
        void check(String pointer, String id, ConnectionType expected) {
            ConnectionDefinition connection = bound.get(id);
            if (!declared.contains(id)) {
                problems.add(doc.problem(pointer, "no connection '" + id + "' in connections/" + Suggestions.hint(id, declared)));
            } else if (connection != null && connection.type() != expected) {
                problems.add(doc.problem(pointer, "connection '" + id + "' is of type " + name(connection.type())
                        + "; expected a connection of type " + name(expected) + " here"));
            }
        }
    }

    private static Set<String> declared(List<LoadedDocument> documents, Kind kind) {
        return documents.stream().filter(d -> d.kind() == kind && d.id() != null).map(LoadedDocument::id).collect(Collectors.toSet());
    }

    private void checkSequence(ConfigDocument doc, SequenceDefinition sequence, Set<String> syncIds, List<ConfigProblem> problems) {
        for (int i = 0; i < sequence.steps().size(); i++) {
            String sync = sequence.steps().get(i).sync();
            if (!syncIds.contains(sync)) {
                problems.add(doc.problem("/steps/" + i + "/sync", "no sync '" + sync + "' in syncs/" + Suggestions.hint(sync, syncIds)));
            }
        }
    }

    private void checkTriggersAndAlerts(ConfigDocument doc, SequenceDefinition sequence, Set<String> sequenceIds, Set<String> channelIds,
                                        List<ConfigProblem> problems) {
        for (int i = 0; i < sequence.triggers().size(); i++) {
            String after = sequence.triggers().get(i).after();
            if (after != null && after.equals(sequence.id())) {
                problems.add(doc.problem("/triggers/" + i + "/after", "a sequence cannot trigger itself"));
            } else if (after != null && !sequenceIds.contains(after)) {
                problems.add(doc.problem("/triggers/" + i + "/after", "no sequence '" + after + "' in sequences/" + Suggestions.hint(after, sequenceIds)));
            }
        }
        checkChannels(doc, "/alerts/", sequence.alerts() == null ? List.of() : sequence.alerts(), channelIds, problems);
    }

    private static void checkChannels(ConfigDocument doc, String pointer, List<String> alerts, Set<String> channelIds, List<ConfigProblem> problems) {
        for (int i = 0; i < alerts.size(); i++) {
            if (!channelIds.contains(alerts.get(i))) {
                problems.add(doc.problem(pointer + i, "no channel '" + alerts.get(i) + "' in channels/" + Suggestions.hint(alerts.get(i), channelIds)));
            }
        }
    }

    private static String name(ConnectionType type) {
        return type.name().toLowerCase();
    }
}
