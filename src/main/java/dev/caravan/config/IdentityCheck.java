package dev.caravan.config;

import dev.caravan.model.Kind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Ids equal file names, documents sit in their kind's folder, and ids are unique per kind. */
final class IdentityCheck implements ConfigCheck {

    @Override
    public void check(List<LoadedDocument> documents, List<ConfigProblem> problems) {
        Map<String, ConfigDocument> firstById = new HashMap<>();
        for (LoadedDocument loaded : documents) {
            ConfigDocument doc = loaded.document();
            String id = loaded.id();
            if (id == null) {
                continue;
            }
            if (!id.equals(doc.baseName())) {
                problems.add(doc.problem("/id", "id '" + id + "' must equal the file name '" + doc.baseName()
                        + "' (rename the file to " + id + ".yaml or change the id)"));
            }
            Kind folderKind = Kind.fromFolder(doc.folder());
            if (folderKind != null && folderKind != loaded.kind()) {
                problems.add(doc.problem("/kind", "a " + loaded.kind().value() + " does not belong in "
                        + doc.folder() + "/; move it to " + loaded.kind().folder() + "/"));
            }
            ConfigDocument first = firstById.putIfAbsent(loaded.kind().value() + ":" + id, doc);
            if (first != null) {
                problems.add(doc.problem("/id", "duplicate " + loaded.kind().value() + " id '" + id
                        + "' (also defined in " + first.file() + ")"));
            }
        }
    }
}
