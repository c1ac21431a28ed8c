package dev.caravan.config;

import java.util.List;

/**
 * Values the schema marks {@code x-secret} must come wholly from the environment
 * ({@code ${env:NAME}}), so no secret is ever committed with the configuration.
 */
final class SecretSourceCheck implements ConfigCheck {
    private final SchemaCatalog catalog;

    SecretSourceCheck(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(List<LoadedDocument> documents, List<ConfigProblem> problems) {
        for (LoadedDocument loaded : documents) {
            ConfigDocument doc = loaded.document();
            catalog.secretPointers(loaded.kind(), doc.tree()).stream().sorted()
                    .filter(pointer -> !doc.fromEnvironment().contains(pointer))
                    .forEach(pointer -> problems.add(doc.problem(pointer,
                            "is a secret and must come from the environment: write ${env:NAME} instead of the value")));
        }
    }
}
