package dev.caravan.model;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every secret value loaded in this process, longest first, for {@link Secret#redact}. */
final class KnownSecrets {
    /** Shorter values would mask ordinary words; real credentials are longer. */
    private static final int SHORTEST = 6;
    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();
    private static volatile List<String> longestFirst = List.of();

    private KnownSecrets() {
    }

    static void add(String value) {
        if (value != null && value.length() >= SHORTEST && VALUES.add(value)) {
            longestFirst = VALUES.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        }
    }

    static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String value : longestFirst) {
            if (out.contains(value)) {
                out = out.replace(value, Secret.MASK);
            }
        }
        return out;
    }
}
