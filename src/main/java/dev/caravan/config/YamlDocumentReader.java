package dev.caravan.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses one YAML configuration file into a JSON tree, keeping the line of every value so later
 * stages can report {@code file:line}. Duplicate keys, several documents in one file, anchors
 * that expand too far and non-string keys are reported, not guessed at.
 */
final class YamlDocumentReader {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");
    private static final Pattern BOOLEAN = Pattern.compile("true|false");

    private final EnvironmentResolver environment;

    YamlDocumentReader(EnvironmentResolver environment) {
        this.environment = environment;
    }

    /** Reads {@code text}; adds problems to {@code problems} and returns null when the file is unusable. */
    ConfigDocument read(String file, String folder, String baseName, String text, List<ConfigProblem> problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setAllowDuplicateKeys(true) // reported below with both lines, which the parser would not do
                .setMaxAliasesForCollections(20)
                .setCodePointLimit(1_000_000)
                .build();
        List<Node> documents = new ArrayList<>();
        try {
            Iterator<Node> it = new Compose(settings).composeAllFromString(text).iterator();
            while (it.hasNext()) {
                documents.add(it.next());
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
            problems.add(new ConfigProblem(file, line, "", "invalid YAML: " + e.getProblem()));
            return null;
        } catch (YamlEngineException e) {
            problems.add(new ConfigProblem(file, 1, "", "invalid YAML: " + e.getMessage()));
            return null;
        }
        if (documents.isEmpty()) {
            problems.add(new ConfigProblem(file, 1, "", "file is empty; expected one YAML document with 'kind' and 'id'"));
            return null;
        }
        if (documents.size() > 1) {
            problems.add(new ConfigProblem(file, line(documents.get(1)), "",
                    "file holds " + documents.size() + " YAML documents; put one document per file (the file name is its id)"));
            return null;
        }
        Node root = documents.get(0);
        if (!(root instanceof MappingNode)) {
            problems.add(new ConfigProblem(file, line(root), "", "expected a mapping with 'kind' and 'id' at the top of the file"));
            return null;
        }
        Conversion conversion = new Conversion(file, problems);
        JsonNode tree = conversion.convert(root, "");
        return new ConfigDocument(file, folder, baseName, tree, Map.copyOf(conversion.lines),
                Set.copyOf(conversion.fromEnvironment), Set.copyOf(conversion.unresolved));
    }

    private static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).orElse(0) + 1;
    }

    /** State of converting one document: lines by pointer, pointers resolved from the environment. */
    private final class Conversion {
        private final String file;
        private final List<ConfigProblem> problems;
        private final Map<String, Integer> lines = new HashMap<>();
        private final Set<String> fromEnvironment = new HashSet<>();
        private final Set<String> unresolved = new HashSet<>();

        Conversion(String file, List<ConfigProblem> problems) {
            this.file = file;
            this.problems = problems;
        }

        JsonNode convert(Node node, String pointer) {
            lines.putIfAbsent(pointer, line(node));
            if (node instanceof MappingNode mapping) {
                return object(mapping, pointer);
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = JSON.arrayNode();
                List<Node> items = sequence.getValue();
                for (int i = 0; i < items.size(); i++) {
                    array.add(convert(items.get(i), JsonPointers.child(pointer, i)));
                }
                return array;
            }
            return scalar((ScalarNode) node, pointer);
        }

        private ObjectNode object(MappingNode mapping, String pointer) {
            ObjectNode object = JSON.objectNode();
            Map<String, Integer> keyLines = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    problems.add(new ConfigProblem(file, line(keyNode), JsonPointers.toKey(pointer), "keys must be plain strings"));
                    continue;
                }
                String key = keyScalar.getValue();
                String childPointer = JsonPointers.child(pointer, key);
                Integer firstLine = keyLines.putIfAbsent(key, line(keyNode));
                if (firstLine != null) {
                    problems.add(new ConfigProblem(file, line(keyNode), JsonPointers.toKey(childPointer),
                            "duplicate key (first set on line " + firstLine + ")"));
                    continue;
                }
                lines.put(childPointer, line(keyNode));
                object.set(key, convert(tuple.getValueNode(), childPointer));
            }
            return object;
        }

        private JsonNode scalar(ScalarNode scalar, String pointer) {
            String text = scalar.getValue();
            Tag tag = scalar.getTag();
            if (!scalar.isPlain() || Tag.STR.equals(tag)) {
                return text(text, pointer, !scalar.isPlain());
            }
            if (Tag.NULL.equals(tag)) {
                return JSON.nullNode();
            }
            if (Tag.BOOL.equals(tag)) {
                return JSON.booleanNode(Boolean.parseBoolean(text.toLowerCase()));
            }
            if (Tag.INT.equals(tag) && INTEGER.matcher(text).matches()) {
                return JSON.numberNode(new BigInteger(text));
            }
            if (Tag.FLOAT.equals(tag) && DECIMAL.matcher(text).matches()) {
                return JSON.numberNode(new BigDecimal(text));
            }
            return text(text, pointer, false);
        }

        private JsonNode text(String raw, String pointer, boolean quoted) {
            EnvironmentResolver.Resolution resolution = environment.resolve(raw);
            if (resolution.missingVariable().isPresent()) {
                unresolved.add(pointer);
                problems.add(new ConfigProblem(file, lines.get(pointer), JsonPointers.toKey(pointer),
                        "environment variable " + resolution.missingVariable().get()
                                + " is not set (set it, or give a default: ${env:" + resolution.missingVariable().get() + ":-value})"));
                return JSON.textNode(raw);
            }
            if (!resolution.usedEnvironment()) {
                return JSON.textNode(raw);
            }
            if (EnvironmentResolver.isWholePlaceholder(raw)) {
                fromEnvironment.add(pointer);
            }
            return quoted ? JSON.textNode(resolution.value()) : typed(resolution.value());
        }

        /** An unquoted placeholder takes the type its value reads as, so {@code size: ${env:N:-100}} is a number. */
        private JsonNode typed(String value) {
            if (INTEGER.matcher(value).matches()) {
                return JSON.numberNode(new BigInteger(value));
            }
            if (DECIMAL.matcher(value).matches()) {
                return JSON.numberNode(new BigDecimal(value));
            }
            if (BOOLEAN.matcher(value).matches()) {
                return JSON.booleanNode(Boolean.parseBoolean(value));
            }
            return JSON.textNode(value);
        }
    }
}
