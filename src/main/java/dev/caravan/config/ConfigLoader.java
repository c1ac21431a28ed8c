package dev.caravan.config;

import dev.caravan.config.catalog.ConnectorCatalog;
import dev.caravan.config.catalog.TemplateExpander;
import dev.caravan.model.CaravanConfig;
import dev.caravan.model.ChannelDefinition;
import dev.caravan.model.ConnectionDefinition;
import dev.caravan.model.Kind;
import dev.caravan.model.SequenceDefinition;
import dev.caravan.model.SyncDefinition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads {@code config/} in stages: parse YAML (with lines) and resolve {@code ${env:…}}, expand
 * the connector templates syncs name, validate each document against its kind's schema, bind to model records, then run the cross-document
 * checks. Every problem from every stage is collected and reported at once; a document that fails
 * an early stage is left out of the later ones so one mistake is reported once.
 */
public final class ConfigLoader {
    private final SchemaCatalog catalog;
    private final YamlDocumentReader reader;
    private final SchemaValidator validator;
    private final ModelBinder binder = new ModelBinder();
    private final List<ConfigCheck> checks;
    private final TemplateExpander templates = new TemplateExpander(ConnectorCatalog.builtIn());

    public ConfigLoader(EnvironmentResolver environment) {
        this.catalog = new SchemaCatalog();
        this.reader = new YamlDocumentReader(environment);
        this.validator = new SchemaValidator(catalog);
        this.checks = List.of(new IdentityCheck(), new ReferenceCheck(), new SyncShapeCheck(), new ScheduleCheck(),
                new SequenceGraphCheck(), new SecretSourceCheck(catalog));
    }

    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(EnvironmentResolver.system());
    }

    /**
     * Loads and validates the configuration folder.
     *
     * @throws ConfigException listing every problem, when there is at least one
     */
    public CaravanConfig load(Path directory) {
        String prefix = directory.toString().endsWith("/") ? directory.toString() : directory + "/";
        List<ConfigProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            throw new ConfigException(List.of(new ConfigProblem(directory.toString(), 0, "", "configuration folder not found")));
        }
        List<LoadedDocument> loaded = new ArrayList<>();
        List<TemplateExpander.Budget> budgets = new ArrayList<>();
        for (Path file : yamlFiles(directory, problems)) {
            LoadedDocument document = loadDocument(directory, prefix, file, problems, budgets);
            if (document != null) {
                loaded.add(document);
            }
        }
        checks.forEach(check -> check.check(loaded, problems));
        readProperties(directory, prefix, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new CaravanConfig(
                TemplateBudgets.apply(models(loaded, Kind.CONNECTION, ConnectionDefinition.class), budgets),
                models(loaded, Kind.SYNC, SyncDefinition.class),
                models(loaded, Kind.SEQUENCE, SequenceDefinition.class),
                models(loaded, Kind.CHANNEL, ChannelDefinition.class));
    }

    private LoadedDocument loadDocument(Path root, String prefix, Path file, List<ConfigProblem> problems, List<TemplateExpander.Budget> budgets) {
        Path relative = root.relativize(file);
        String display = prefix + relative;
        String name = file.getFileName().toString();
        String baseName = name.substring(0, name.lastIndexOf('.'));
        String folder = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
        String text = readUtf8(file, display, problems);
        if (text == null) {
            return null;
        }
        ConfigDocument document = reader.read(display, folder, baseName, text, problems);
        if (document == null) {
            return null;
        }
        String kindText = document.text("kind");
        Kind kind = Kind.fromValue(kindText);
        if (kind == null) {
            List<String> kinds = Arrays.stream(Kind.values()).map(Kind::value).toList();
            problems.add(document.problem("/kind", kindText == null
                    ? "is required: one of " + String.join(", ", kinds)
                    : "'" + kindText + "' is not a kind" + Suggestions.hint(kindText, kinds) + "; expected one of " + String.join(", ", kinds)));
            Kind byFolder = Kind.fromFolder(folder);
            return byFolder == null ? null : new LoadedDocument(document, byFolder, null);
        }
        if (kind == Kind.SYNC) {
            int before = problems.size();
            document = templates.expand(document, problems, budgets);
            if (problems.size() > before) {
                return new LoadedDocument(document, kind, null);
            }
        }
        List<ConfigProblem> schemaProblems = validator.validate(kind, document);
        if (!schemaProblems.isEmpty()) {
            problems.addAll(schemaProblems);
            return new LoadedDocument(document, kind, null);
        }
        ModelBinder.Bound bound = binder.bind(kind, document);
        if (bound.problem() != null) {
            problems.add(bound.problem());
        }
        return new LoadedDocument(document, kind, bound.model());
    }

    private static List<Path> yamlFiles(Path directory, List<ConfigProblem> problems) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(new ConfigProblem(directory.toString(), 0, "", "cannot list files: " + e.getMessage()));
            return List.of();
        }
    }

    private static String readUtf8(Path file, String display, List<ConfigProblem> problems) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(new ConfigProblem(display, 1, "", "cannot read: " + e.getMessage()));
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            String lenient = new String(bytes, StandardCharsets.UTF_8);
            int line = 1 + (int) lenient.substring(0, Math.max(0, lenient.indexOf('\uFFFD'))).chars().filter(c -> c == '\n').count();
            problems.add(new ConfigProblem(display, line, "", "not valid UTF-8 text; save the file as UTF-8"));
            return null;
        }
    }

    private static void readProperties(Path directory, String prefix, List<ConfigProblem> problems) {
        Path file = directory.resolve("application.properties");
        if (Files.isRegularFile(file)) {
            String text = readUtf8(file, prefix + "application.properties", problems);
            if (text != null) {
                problems.addAll(new PropertiesCheck().check(prefix, text));
            }
        }
    }

    private static <T> List<T> models(List<LoadedDocument> loaded, Kind kind, Class<T> type) {
        return loaded.stream().filter(d -> d.kind() == kind).map(d -> type.cast(d.model())).toList();
    }

    /** The schemas this loader validates against (for tooling and tests). */
    public SchemaCatalog schemas() {
        return catalog;
    }
}
