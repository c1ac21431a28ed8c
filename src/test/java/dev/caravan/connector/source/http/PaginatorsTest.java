package dev.caravan.connector.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.caravan.model.PaginationSpec;
import dev.caravan.model.PaginationSpec.PaginationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PaginatorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://api.example.com/v1";

    private static Page page(int records, String body, Map<String, List<String>> headers) throws Exception {
        JsonNode node = JSON.readTree(body);
        return new Page(java.util.Collections.nCopies(records, JSON.createObjectNode()), node, headers);
    }

    private static PaginationSpec spec(PaginationType type, String pageParam, String sizeParam, Integer size, String cursorParam, String path) {
        return new PaginationSpec(type, pageParam, sizeParam, size, null, null, null, cursorParam, path, path, null);
    }

    @ParameterizedTest(name = "page size 2: {0} records on page 1 -> next page {1}")
    @CsvSource({"2,2", "1,", "0,"})
    void pageNumbersStopOnAShortPage(int records, String expectedNext) throws Exception {
        Paginator paginator = Paginators.of(spec(PaginationType.PAGE, "page", "per_page", 2, null, null), BASE);
        PageRequest first = paginator.first();
        assertThat(first.params()).containsEntry("page", "1").containsEntry("per_page", "2");

        Optional<PageRequest> next = paginator.next(first, page(records, "{}", Map.of()));

        assertThat(next.map(PageRequest::token).orElse(null)).isEqualTo(expectedNext);
        assertThat(paginator.resume("7").params()).containsEntry("page", "7");
    }

    @Test
    void offsetsAdvanceByTheRecordsReceived() throws Exception {
        Paginator paginator = Paginators.of(new PaginationSpec(PaginationType.OFFSET, null, null, 3, null, "skip", "take", null, null, null, null), BASE);
        PageRequest first = paginator.first();
        assertThat(first.params()).containsEntry("skip", "0").containsEntry("take", "3");

        PageRequest second = paginator.next(first, page(3, "{}", Map.of())).orElseThrow();

        assertThat(second.params()).containsEntry("skip", "3");
        assertThat(paginator.next(second, page(2, "{}", Map.of()))).isEmpty();
    }

    @Test
    void cursorsComeFromTheBodyUntilThereIsNone() throws Exception {
        Paginator paginator = Paginators.of(spec(PaginationType.CURSOR, null, "limit", 50, "after", "$.paging.next.after"), BASE);
        assertThat(paginator.first().params()).doesNotContainKey("after").containsEntry("limit", "50");

        PageRequest next = paginator.next(paginator.first(), page(50, "{\"paging\": {\"next\": {\"after\": \"abc\"}}}", Map.of())).orElseThrow();

        assertThat(next.params()).containsEntry("after", "abc");
        assertThat(paginator.next(next, page(10, "{\"paging\": null}", Map.of()))).isEmpty();
        assertThat(paginator.next(next, page(10, "{\"paging\": {\"next\": {\"after\": \"\"}}}", Map.of()))).isEmpty();
    }

    @Test
    void linkHeadersGiveTheNextUrl() throws Exception {
        Paginator paginator = Paginators.of(spec(PaginationType.LINK_HEADER, null, null, null, null, null), BASE);
        String link = "<https://api.example.com/v1/issues?page=1>; rel=\"prev\", <https://api.example.com/v1/issues?page=3>; rel=\"next\"";

        PageRequest next = paginator.next(paginator.first(), page(1, "[]", Map.of("link", List.of(link)))).orElseThrow();

        assertThat(next.absoluteUrl()).isEqualTo("https://api.example.com/v1/issues?page=3");
        assertThat(paginator.resume(next.token()).absoluteUrl()).isEqualTo(next.absoluteUrl());
        assertThat(paginator.next(next, page(1, "[]", Map.of("Link", List.of("<x>; rel=\"prev\""))))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "<https://a/x?page=2>; rel=\"next\",https://a/x?page=2",
            "<https://a/x?page=2>; rel=next,https://a/x?page=2",
            "<https://a/x?page=2>; title=\"n\"; rel=\"last next\",https://a/x?page=2",
    })
    void linkHeaderVariants(String header, String expected) {
        assertThat(LinkHeaderPaginator.nextLink(header)).contains(expected);
    }

    @Test
    void nextUrlsMayBeRelative() throws Exception {
        Paginator paginator = Paginators.of(spec(PaginationType.NEXT_URL, null, null, null, null, "$.links.next"), BASE);

        PageRequest next = paginator.next(paginator.first(), page(1, "{\"links\": {\"next\": \"/v1/contacts?cursor=9\"}}", Map.of())).orElseThrow();

        assertThat(next.absoluteUrl()).isEqualTo("https://api.example.com/v1/contacts?cursor=9");
        assertThat(paginator.next(next, page(1, "{\"links\": {\"next\": null}}", Map.of()))).isEmpty();
    }

    @Test
    void noPaginationFetchesOnePage() throws Exception {
        Paginator paginator = Paginators.of(PaginationSpec.NONE, BASE);
        assertThat(paginator.next(paginator.first(), page(100, "[]", Map.of()))).isEmpty();
    }
}
