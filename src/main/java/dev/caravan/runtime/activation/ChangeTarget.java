package dev.caravan.runtime.activation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where an activation's changes go: a REST API, or a table. */
interface ChangeTarget extends AutoCloseable {
    /** Whether the destination's mode sends this kind of change at all. */
    boolean wants(Change change);

    /** One change the mode sends: delivered now, or held for a batch. */
    void accept(Change change, String key, String hash, ObjectNode row) throws Exception;

    /** Everything accepted is settled and recorded; called at the end and before an interruption. */
    void finish() throws Exception;

    long delivered();

    long rejected();
}
