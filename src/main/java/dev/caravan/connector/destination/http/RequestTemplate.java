package dev.caravan.connector.destination.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a request's path and body from one row. In the path, {@code {field}} becomes the
 * URL-encoded value. In the body template, a string that is exactly {@code "{field}"} becomes the
 * value with its JSON type, a string holding placeholders among other text gets them as text, and
 * everything else is a constant. {@code "{*}"} is the whole row, and an object member
 * {@code "...": "{*}"} spreads the row's columns into that object beside its other members (which
 * win a clash). Without a body template the body is the row itself.
 */
public final class RequestTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
    static final String WHOLE_ROW = "{*}";
    static final String SPREAD = "...";

    private RequestTemplate() {
    }

    /** @throws TemplateException when the row has no column a placeholder names */
    public static String path(String template, ObjectNode row) {
        return replace(template, row, value -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** @throws TemplateException when the row has no column a placeholder names */
    public static JsonNode body(JsonNode template, ObjectNode row) {
        if (template == null) {
            return row;
        }
        if (template.isTextual() && template.textValue().equals(WHOLE_ROW)) {
            return row;
        }
        if (template.isTextual()) {
            Matcher whole = PLACEHOLDER.matcher(template.textValue());
            if (whole.matches()) {
                return value(row, whole.group(1));
            }
            return TextNode.valueOf(replace(template.textValue(), row, value -> value));
        }
        if (template.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals(SPREAD)) {
                    out.set(field.getKey(), body(field.getValue(), row));
                }
            }
            if (template.has(SPREAD) && WHOLE_ROW.equals(template.get(SPREAD).asText())) {
                row.fields().forEachRemaining(column -> out.putIfAbsent(column.getKey(), column.getValue()));
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            template.forEach(element -> out.add(body(element, row)));
            return out;
        }
        return template;
    }

    private static String replace(String template, ObjectNode row, java.util.function.UnaryOperator<String> encode) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = value(row, m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(encode.apply(value.isNull() ? "" : value.asText())));
        }
        return m.appendTail(out).toString();
    }

    private static JsonNode value(ObjectNode row, String column) {
        JsonNode value = row.get(column);
        if (value == null) {
            throw new TemplateException("the row has no column '" + column + "' for placeholder {" + column + "}");
        }
        return value instanceof NullNode ? NullNode.getInstance() : value;
    }

    /** A placeholder names a column the row does not have: the row is rejected, the run goes on. */
    public static final class TemplateException extends RuntimeException {
        TemplateException(String message) {
            super(message);
        }
    }
}
