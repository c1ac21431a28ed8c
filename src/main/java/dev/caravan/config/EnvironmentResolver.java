package dev.caravan.config;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} and {@code ${env:NAME:-default}} in configuration strings.
 * An unset variable without a default is an error, never an empty string: a missing token should
 * stop the start, not send unauthenticated requests.
 */
public final class EnvironmentResolver {
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Function<String, String> environment;

    public EnvironmentResolver(Function<String, String> environment) {
        this.environment = environment;
    }

    public static EnvironmentResolver system() {
        return new EnvironmentResolver(System::getenv);
    }

    /** The result of resolving one string. */
    public record Resolution(String value, boolean usedEnvironment, Optional<String> missingVariable) {
    }

    public Resolution resolve(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean used = false;
        while (m.find()) {
            used = true;
            String value = environment.apply(m.group(1));
            if (value == null) {
                if (m.group(2) == null) {
                    return new Resolution(text, true, Optional.of(m.group(1)));
                }
                value = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new Resolution(out.toString(), used, Optional.empty());
    }

    /** True when the whole text is exactly one placeholder, so the value is wholly from the environment. */
    public static boolean isWholePlaceholder(String text) {
        return PLACEHOLDER.matcher(text.trim()).matches();
    }
}
