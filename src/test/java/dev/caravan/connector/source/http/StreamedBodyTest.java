package dev.caravan.connector.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamedBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keeps what a sink was given: chunk sizes, and the records since the last reset. */
    private static final class Recorder implements RecordSink {
        final List<Integer> chunks = new ArrayList<>();
        final List<JsonNode> records = new ArrayList<>();
        int resets;

        @Override
        public void accept(List<JsonNode> chunk) {
            chunks.add(chunk.size());
            records.addAll(chunk);
        }

        @Override
        public void reset() {
            resets++;
            records.clear();
        }
    }

    private static StreamedBody.Parsed parse(String body, String path, RecordSink sink) throws IOException {
        return StreamedBody.parse(JSON, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), path, sink);
    }

    private static String records(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "{\"id\": " + i + "}").collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void recordsAtAMemberPathArriveInChunksAndTheBodyIsWhole() throws IOException {
        String body = "{\"meta\": {\"next\": \"abc\"}, \"result\": {\"count\": 600, \"items\": " + records(600) + "}, \"after\": [1, 2]}";
        Recorder sink = new Recorder();

        StreamedBody.Parsed parsed = parse(body, "$.result.items", sink);

        assertThat(sink.chunks).containsExactly(StreamedBody.CHUNK, StreamedBody.CHUNK, 600 - 2 * StreamedBody.CHUNK);
        assertThat(sink.records).isEqualTo(parsed.records()).hasSize(600);
        assertThat(parsed.body()).isEqualTo(JSON.readTree(body));
    }

    @Test
    void recordsBehindOtherPathsArriveOnceTheBodyIsRead() throws IOException {
        String body = "{\"pages\": [{\"rows\": " + records(3) + "}]}";
        Recorder sink = new Recorder();

        StreamedBody.Parsed parsed = parse(body, "$.pages[0].rows", sink);

        assertThat(sink.records).isEqualTo(parsed.records()).extracting(r -> r.get("id").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void aSingleObjectIsOneRecord() throws IOException {
        Recorder sink = new Recorder();

        StreamedBody.Parsed parsed = parse("{\"data\": {\"id\": 7}}", "$.data", sink);

        assertThat(parsed.records()).hasSize(1);
        assertThat(sink.records).isEqualTo(parsed.records());
    }

    @Test
    void aRepeatedMemberReplacesWhatWasStreamed() throws IOException {
        String body = "{\"data\": " + records(300) + ", \"data\": [{\"id\": 9}]}";
        Recorder sink = new Recorder();

        StreamedBody.Parsed parsed = parse(body, "$.data", sink);

        assertThat(sink.resets).isEqualTo(1);
        assertThat(sink.records).isEqualTo(parsed.records()).extracting(r -> r.get("id").asInt()).containsExactly(9);
    }

    @Test
    void anEmptyBodyIsMissingAndInvalidJsonThrows() throws IOException {
        assertThat(parse("", "$.data", RecordSink.NONE).body().isMissingNode()).isTrue();
        assertThatThrownBy(() -> parse("{\"data\": [{\"id\": 1}, {\"id\": ", "$.data", RecordSink.NONE))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> parse("{\"data\": 5}", "$.data", RecordSink.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found number");
    }
}
