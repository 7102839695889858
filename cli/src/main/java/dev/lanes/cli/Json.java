package dev.lanes.cli;

/**
 * A JSON object written field by field, for output a program reads: {@code Json.object().put("epoch", 1)}. Strings
 * are escaped as RFC 8259 requires (quote, backslash and control characters, and unpaired surrogates as
 * {@code \\uXXXX}, so the output is valid UTF-8 whatever the string). Numbers are written as Java's shortest
 * round-trip form ({@link Double#toString}, {@link Float#toString} for float values), which is valid JSON;
 * NaN and the infinities are not numbers in JSON and are written as {@code null}, meaning "no value" (a test
 * accuracy without a test set, say). Fields appear in the order they are put.
 */
final class Json {
    private final StringBuilder s = new StringBuilder("{");

    private Json() {}

    static Json object() {
        return new Json();
    }

    Json put(String key, String value) {
        key(key);
        if (value == null) {
            s.append("null");
        } else {
            quote(s, value);
        }
        return this;
    }

    Json put(String key, long value) {
        key(key).append(value);
        return this;
    }

    Json put(String key, double value) {
        key(key).append(number(value));
        return this;
    }

    Json put(String key, boolean value) {
        key(key).append(value);
        return this;
    }

    /** A value that is already JSON: a nested object or an array. */
    Json putRaw(String key, String json) {
        key(key).append(json);
        return this;
    }

    private StringBuilder key(String key) {
        if (s.length() > 1) {
            s.append(',');
        }
        quote(s, key);
        return s.append(':');
    }

    /** The object, closed. */
    @Override
    public String toString() {
        return s + "}";
    }

    static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    static String number(float v) {
        return Float.isFinite(v) ? Float.toString(v) : "null";
    }

    /** A JSON array of already-written JSON values. */
    static String array(Iterable<String> values) {
        StringBuilder a = new StringBuilder("[");
        for (String v : values) {
            if (a.length() > 1) {
                a.append(',');
            }
            a.append(v);
        }
        return a.append(']').toString();
    }

    static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2);
        quote(b, value);
        return b.toString();
    }

    private static void quote(StringBuilder b, String value) {
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1));
                    if (pairedHigh) {
                        b.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
