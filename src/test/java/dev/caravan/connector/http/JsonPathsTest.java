package dev.caravan.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonPathsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsRecordsFromSimpleAndComplexPaths() throws Exception {
        JsonNode body = JSON.readTree("{\"data\": {\"items\": [{\"id\": 1}, {\"id\": 2}]}, \"results\": [{\"id\": 3, \"ok\": true}, {\"id\": 4, \"ok\": false}]}");

        assertThat(JsonPaths.records(body, "$.data.items")).hasSize(2);
        assertThat(JsonPaths.records(body, "$.results[?(@.ok == true)]")).extracting(n -> n.get("id").asInt()).containsExactly(3);
        assertThat(JsonPaths.records(JSON.readTree("[{\"id\": 1}]"), "$")).hasSize(1);
    }

    @Test
    void aPathThatFindsNoArrayIsAClearError() throws Exception {
        JsonNode body = JSON.readTree("{\"data\": 5}");
        assertThatThrownBy(() -> JsonPaths.records(body, "$.data")).hasMessageContaining("records path $.data found number");
        assertThatThrownBy(() -> JsonPaths.records(body, "$.items")).hasMessageContaining("found nothing");
    }
}
