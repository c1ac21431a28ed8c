package dev.caravan.connector.source.http;

import dev.caravan.connector.http.JsonPaths;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a JSON body from a stream into a tree, and hands the records at a plain member path
 * ({@code $.data}) to a {@link RecordSink} in chunks as they are parsed. The tree is the same as a
 * whole-body parse gives; records behind other paths reach the sink once the body is read.
 */
final class StreamedBody {
    static final int CHUNK = 250;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper json;
    private final RecordSink sink;
    private final List<JsonNode> streamed = new ArrayList<>();
    private List<JsonNode> chunk = new ArrayList<>(CHUNK);

    private StreamedBody(ObjectMapper json, RecordSink sink) {
        this.json = json;
        this.sink = sink;
    }

    /**
     * @return the whole body (a missing node when there is none), after every record at {@code recordsPath}
     *         reached the sink
     * @throws IllegalArgumentException when the path finds no records (see {@link JsonPaths#records})
     */
    static Parsed parse(ObjectMapper json, InputStream in, String recordsPath, RecordSink sink) throws IOException {
        return new StreamedBody(json, sink).parse(in, recordsPath);
    }

    record Parsed(JsonNode body, List<JsonNode> records) {
    }

    private Parsed parse(InputStream in, String recordsPath) throws IOException {
        try (JsonParser parser = json.createParser(in)) {
            if (parser.nextToken() == null) {
                return new Parsed(MissingNode.getInstance(), List.of());
            }
            Optional<List<String>> path = JsonPaths.members(recordsPath);
            JsonNode body = read(parser, path.orElse(null));
            // read to the end (a trailing newline, say): a response read to its end lets the
            // client keep the connection for the next page
            in.transferTo(OutputStream.nullOutputStream());
            if (body == null || body.isMissingNode()) {
                return new Parsed(MissingNode.getInstance(), List.of());
            }
            List<JsonNode> records = JsonPaths.records(body, recordsPath);
            deliverRest(records);
            return new Parsed(body, records);
        }
    }

    /** {@code path}: the members still to walk to the records, or null off the path. */
    private JsonNode read(JsonParser parser, List<String> path) throws IOException {
        JsonToken token = parser.currentToken();
        if (path != null && path.isEmpty() && token == JsonToken.START_ARRAY) {
            ArrayNode array = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                JsonNode record = parser.readValueAsTree();
                array.add(record);
                offer(record);
            }
            flush();
            return array;
        }
        if (path != null && !path.isEmpty() && token == JsonToken.START_OBJECT) {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                object.set(name, read(parser, name.equals(path.get(0)) ? path.subList(1, path.size()) : null));
            }
            return object;
        }
        return parser.readValueAsTree();
    }

    private void offer(JsonNode record) {
        chunk.add(record);
        if (chunk.size() == CHUNK) {
            flush();
        }
    }

    private void flush() {
        if (!chunk.isEmpty()) {
            sink.accept(chunk);
            streamed.addAll(chunk);
            chunk = new ArrayList<>(CHUNK);
        }
    }

    /**
     * Sends the records the sink has not had. When what it had is not the start of the page's
     * records (a repeated member replaced the array), it starts over with all of them.
     */
    private void deliverRest(List<JsonNode> records) {
        boolean prefix = streamed.size() <= records.size();
        for (int i = 0; prefix && i < streamed.size(); i++) {
            prefix = streamed.get(i) == records.get(i);
        }
        int from = streamed.size();
        if (!prefix) {
            sink.reset();
            from = 0;
        }
        for (int i = from; i < records.size(); i += CHUNK) {
            sink.accept(records.subList(i, Math.min(records.size(), i + CHUNK)));
        }
    }
}
