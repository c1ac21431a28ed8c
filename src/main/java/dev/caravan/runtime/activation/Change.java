package dev.caravan.runtime.activation;

import dev.caravan.model.HttpDestination;
import dev.caravan.model.HttpDestination.HttpWriteMode;
import dev.caravan.model.HttpRequestSpec;

import java.util.Locale;

/** What the diff found for one key, and which request carries it under each mode. */
enum Change {
    ADDED, CHANGED, REMOVED;

    static Change of(String kind) {
        return valueOf(kind.toUpperCase(Locale.ROOT));
    }

    /**
     * The request for this change, or null when the mode does not send it: insert sends added rows,
     * update changed ones, upsert both, mirror also removed ones (validation makes sure the mode's
     * requests are given).
     */
    HttpRequestSpec request(HttpDestination destination) {
        HttpWriteMode mode = destination.mode();
        return switch (this) {
            case ADDED -> mode == HttpWriteMode.UPDATE ? null : destination.insert();
            case CHANGED -> mode == HttpWriteMode.INSERT ? null : destination.update();
            case REMOVED -> mode == HttpWriteMode.MIRROR ? destination.delete() : null;
        };
    }

    /** The operation's name in rejected rows. */
    String operation() {
        return switch (this) {
            case ADDED -> "insert";
            case CHANGED -> "update";
            case REMOVED -> "delete";
        };
    }
}
