package dev.caravan.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.caravan.model.ChannelDefinition;
import dev.caravan.model.ConnectionDefinition;
import dev.caravan.model.DestinationSpec;
import dev.caravan.model.HttpConnection;
import dev.caravan.model.HttpDestination;
import dev.caravan.model.HttpSourceSpec;
import dev.caravan.model.Kind;
import dev.caravan.model.PostgresConnection;
import dev.caravan.model.ScheduleSpec;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.SourceSpec;
import dev.caravan.model.SqlSourceSpec;
import dev.caravan.model.SyncAlertSpec;
import dev.caravan.model.SyncDefinition;
import dev.caravan.model.WebhookSpec;
import dev.caravan.model.TableDestination;

import java.util.List;

/**
 * Binds a schema-valid document to the immutable model records. The variant of a source,
 * destination or connection is chosen the same way the schema chooses it (query / table / type).
 */
final class ModelBinder {
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    /** A bound document, or the problem that stopped binding it. */
    record Bound(Object model, ConfigProblem problem) {
    }

    Bound bind(Kind kind, ConfigDocument document) {
        try {
            Object model = switch (kind) {
                case CONNECTION -> connection(document.tree());
                case SYNC -> sync(document.tree());
                case SEQUENCE -> mapper.treeToValue(document.tree(), SequenceDefinition.class);
                case CHANNEL -> mapper.treeToValue(document.tree(), ChannelDefinition.class);
            };
            return new Bound(model, null);
        } catch (JsonMappingException e) {
            return new Bound(null, document.problem(pointer(e.getPath()), rootMessage(e)));
        } catch (Exception e) {
            return new Bound(null, document.problem("", rootMessage(e)));
        }
    }

    private ConnectionDefinition connection(JsonNode tree) throws Exception {
        Class<? extends ConnectionDefinition> type = "postgres".equals(tree.path("type").asText())
                ? PostgresConnection.class : HttpConnection.class;
        return mapper.treeToValue(tree, type);
    }

    private SyncDefinition sync(JsonNode tree) throws Exception {
        JsonNode source = tree.get("source");
        JsonNode destination = tree.get("destination");
        SourceSpec sourceSpec = at("source", () -> source.has("query")
                ? mapper.treeToValue(source, SqlSourceSpec.class)
                : mapper.treeToValue(source, HttpSourceSpec.class));
        DestinationSpec destinationSpec = at("destination", () -> destination.has("table")
                ? mapper.treeToValue(destination, TableDestination.class)
                : mapper.treeToValue(destination, HttpDestination.class));
        ScheduleSpec schedule = tree.has("schedule")
                ? at("schedule", () -> mapper.treeToValue(tree.get("schedule"), ScheduleSpec.class)) : null;
        WebhookSpec webhook = tree.has("webhook") ? at("webhook", () -> mapper.treeToValue(tree.get("webhook"), WebhookSpec.class)) : null;
        SyncAlertSpec alerts = tree.has("alerts") ? at("alerts", () -> mapper.treeToValue(tree.get("alerts"), SyncAlertSpec.class)) : null;
        return new SyncDefinition(Kind.SYNC, tree.path("id").asText(), tree.path("description").asText(null),
                sourceSpec, destinationSpec, schedule, webhook, alerts);
    }

    private interface Binding<T> {
        T bind() throws Exception;
    }

    /** Runs a nested binding so that its error path starts at {@code field}. */
    private <T> T at(String field, Binding<T> binding) throws Exception {
        try {
            return binding.bind();
        } catch (JsonMappingException e) {
            e.prependPath(new JsonMappingException.Reference(null, field));
            throw e;
        }
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            out.append(ref.getFieldName() != null ? JsonPointers.child("", ref.getFieldName()) : JsonPointers.child("", ref.getIndex()));
        }
        return out.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JsonMappingException jme ? jme.getOriginalMessage() : root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
