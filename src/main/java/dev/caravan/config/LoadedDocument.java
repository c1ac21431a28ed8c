package dev.caravan.config;

import dev.caravan.model.Kind;

/**
 * A parsed document of a known kind. {@code model} is null when the document failed its schema or
 * binding: its id still counts as declared, so references to it are not reported a second time.
 */
record LoadedDocument(ConfigDocument document, Kind kind, Object model) {

    String id() {
        return document.text("id");
    }
}
