package dev.caravan.config;

import dev.caravan.model.DeletesSpec;
import dev.caravan.model.HttpDestination;
import dev.caravan.model.HttpDestination.HttpWriteMode;
import dev.caravan.model.HttpRequestSpec;
import dev.caravan.model.HttpSourceSpec;
import dev.caravan.model.SyncDefinition;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules inside one sync that a schema cannot express well: which requests a write mode needs, that
 * an event feed's deletions have a field to mark them with, and that a key scan's keyset paging and
 * lookups have the key they need.
 */
final class SyncShapeCheck implements ConfigCheck {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    @Override
    public void check(List<LoadedDocument> documents, List<ConfigProblem> problems) {
        for (LoadedDocument loaded : documents) {
            if (loaded.model() instanceof SyncDefinition sync && sync.source() instanceof HttpSourceSpec source && source.incremental() != null
                    && source.incremental().deletedWhen() != null && source.deletes().field() == null) {
                problems.add(loaded.document().problem("/source/incremental/deletedWhen", "marks records deleted, so it needs deletes.field: "
                        + "the record field set to true on them (for example deletes: { detect: flag, field: deleted })"));
            }
            if (loaded.model() instanceof SyncDefinition sync && sync.source() instanceof HttpSourceSpec source) {
                keyScanNeedsItsKey(loaded.document(), source, problems);
            }
            if (loaded.model() instanceof SyncDefinition sync && sync.isActivation() && sync.destination() instanceof HttpDestination http) {
                ConfigDocument doc = loaded.document();
                HttpWriteMode mode = http.mode();
                boolean needsInsert = mode != HttpWriteMode.UPDATE;
                boolean needsUpdate = mode != HttpWriteMode.INSERT;
                require(doc, needsInsert, http.insert(), "insert", mode, problems);
                require(doc, needsUpdate, http.update(), "update", mode, problems);
                require(doc, mode == HttpWriteMode.MIRROR, http.delete(), "delete", mode, problems);
                batchPathWithoutPlaceholders(doc, http.insert(), "insert", problems);
                batchPathWithoutPlaceholders(doc, http.update(), "update", problems);
                batchPathWithoutPlaceholders(doc, http.delete(), "delete", problems);
            }
        }
    }

    /** A keyset scan pages by one key column, and a lookup's placeholders can only be filled from the key. */
    private static void keyScanNeedsItsKey(ConfigDocument doc, HttpSourceSpec source, List<ConfigProblem> problems) {
        DeletesSpec deletes = source.deletes();
        if (deletes.keyset() != null && source.primaryKey().size() != 1) {
            problems.add(doc.problem("/source/deletes/keyset", "pages by one key column, but primaryKey has " + source.primaryKey().size()
                    + " (" + String.join(", ", source.primaryKey()) + "); remove keyset or use a single-column key"));
        }
        if (deletes.verify() != null) {
            Matcher placeholder = PLACEHOLDER.matcher(deletes.verify().path());
            while (placeholder.find()) {
                if (!source.primaryKey().contains(placeholder.group(1))) {
                    problems.add(doc.problem("/source/deletes/verify/path", "placeholder {" + placeholder.group(1) + "} is not a primaryKey field ("
                            + String.join(", ", source.primaryKey()) + "); a lookup knows only the key"));
                }
            }
        }
    }

    private static void batchPathWithoutPlaceholders(ConfigDocument doc, HttpRequestSpec request, String name, List<ConfigProblem> problems) {
        if (request != null && request.batch() != null && request.path().contains("{")) {
            problems.add(doc.problem("/destination/" + name + "/path", "a batch request carries many rows, so its path cannot have "
                    + "{field} placeholders; got " + request.path()));
        }
    }

    private static void require(ConfigDocument doc, boolean needed, HttpRequestSpec request, String name,
                                HttpWriteMode mode, List<ConfigProblem> problems) {
        if (needed && request == null) {
            problems.add(doc.problem("/destination/" + name, "is required when destination.mode is "
                    + mode.name().toLowerCase() + " (give its method and path)"));
        }
    }
}
