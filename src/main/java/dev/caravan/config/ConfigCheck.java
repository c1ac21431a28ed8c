package dev.caravan.config;

import java.util.List;

/** One semantic rule across documents (references, identity, graphs), run after schema validation. */
interface ConfigCheck {
    /** Adds a problem for every violation in {@code documents}; never throws for bad input. */
    void check(List<LoadedDocument> documents, List<ConfigProblem> problems);
}
