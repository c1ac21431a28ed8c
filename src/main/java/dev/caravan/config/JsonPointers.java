package dev.caravan.config;

/** Conversions between JSON pointers ({@code /steps/0/sync}) and report keys ({@code steps[0].sync}). */
final class JsonPointers {
    private JsonPointers() {
    }

    static String child(String pointer, String field) {
        return pointer + "/" + field.replace("~", "~0").replace("/", "~1");
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    static String toKey(String pointer) {
        if (pointer == null || pointer.isEmpty()) {
            return "";
        }
        StringBuilder key = new StringBuilder();
        for (String raw : pointer.substring(1).split("/", -1)) {
            String part = raw.replace("~1", "/").replace("~0", "~");
            if (!part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
                key.append('[').append(part).append(']');
            } else {
                if (key.length() > 0) {
                    key.append('.');
                }
                key.append(part);
            }
        }
        return key.toString();
    }
}
