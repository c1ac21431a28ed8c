package dev.caravan.connector.source.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.function.Consumer;

/**
 * Takes a page's records in chunks while the body is still arriving, so the destination can work
 * on the first records while the rest are read. Chunks come in page order; the page as returned by
 * the fetcher holds the same records.
 */
public interface RecordSink {
    RecordSink NONE = of(records -> { }, () -> { });

    /** The next records of the page. */
    void accept(List<JsonNode> records);

    /** The page is being fetched again from its start: forget every record accepted so far. */
    void reset();

    static RecordSink of(Consumer<List<JsonNode>> accept, Runnable reset) {
        return new RecordSink() {
            @Override
            public void accept(List<JsonNode> records) {
                accept.accept(records);
            }

            @Override
            public void reset() {
                reset.run();
            }
        };
    }
}
