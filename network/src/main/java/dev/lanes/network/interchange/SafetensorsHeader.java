package dev.lanes.network.interchange;

import dev.lanes.numerics.DType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON header of a safetensors file, read strictly to its schema: one object whose members are
 * {@code __metadata__} (an object of strings) and tensors ({@code {"dtype": "F32", "shape": [784, 50],
 * "data_offsets": [BEGIN, END]}}, offsets into the data after the header), then only spaces. Offsets are bytes
 * of the header; messages give them as offsets in the file.
 */
final class SafetensorsHeader {
    /** A tensor as declared: dtype, shape and offsets, with where its name starts in the file. */
    record Declared(String name, String dtype, long[] shape, long begin, long end, long at) {}

    private static final int MAX_DIMENSIONS = 64;

    private final Path file;
    private final byte[] b;
    private final long base;
    private int i;
    final Map<String, String> metadata = new LinkedHashMap<>();
    final List<Declared> tensors = new ArrayList<>();

    private SafetensorsHeader(Path file, byte[] header, long base) {
        this.file = file;
        this.b = header;
        this.base = base;
    }

    /** Parses {@code header}, which starts at byte {@code base} of {@code file}. */
    static SafetensorsHeader parse(Path file, byte[] header, long base) throws InterchangeException {
        SafetensorsHeader h = new SafetensorsHeader(file, header, base);
        h.parse();
        return h;
    }

    /** The header of tensors and metadata, padded with spaces to a multiple of 8 bytes as safetensors writes it. */
    static byte[] format(Map<String, String> metadata, List<Declared> tensors) {
        StringBuilder s = new StringBuilder("{\"__metadata__\":{");
        String sep = "";
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            s.append(sep).append(quote(m.getKey())).append(':').append(quote(m.getValue()));
            sep = ",";
        }
        s.append('}');
        for (Declared t : tensors) {
            s.append(',').append(quote(t.name())).append(":{\"dtype\":").append(quote(t.dtype())).append(",\"shape\":[");
            for (int k = 0; k < t.shape().length; k++) {
                s.append(k == 0 ? "" : ",").append(t.shape()[k]);
            }
            s.append("],\"data_offsets\":[").append(t.begin()).append(',').append(t.end()).append("]}");
        }
        s.append('}');
        byte[] text = s.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(text, 0, out, 0, text.length);
        for (int k = text.length; k < padded; k++) {
            out[k] = ' ';
        }
        return out;
    }

    private static String quote(String v) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }

    /** The dtype Lanes reads, or null. */
    static DType type(String dtype) {
        return switch (dtype) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            default -> null;
        };
    }

    private InterchangeException fail(int at, String problem) {
        return new InterchangeException(file, null, base + at, problem);
    }

    private InterchangeException fail(String tensor, int at, String problem) {
        return new InterchangeException(file, tensor, base + at, problem);
    }

    private void parse() throws InterchangeException {
        if (b.length == 0 || b[0] != '{') {
            throw fail(0, "the header does not begin with '{' (not a safetensors file, or damaged)");
        }
        i = 1;
        Set<String> names = new HashSet<>();
        members:
        while (true) {
            space();
            if (names.isEmpty() && peek() == '}') {
                i++;
                break;
            }
            int at = i;
            String name = string();
            if (!names.add(name)) {
                throw fail(name, at, "the header names '" + name + "' twice");
            }
            space();
            expect(':');
            space();
            if (name.equals("__metadata__")) {
                metadata();
            } else {
                tensor(name, at);
            }
            space();
            switch (next()) {
                case ',' -> { }
                case '}' -> {
                    break members;
                }
                default -> throw fail(i - 1, "expected ',' or '}' after '" + name + "', found " + shown(i - 1));
            }
        }
        for (int k = i; k < b.length; k++) {
            if (b[k] != ' ') {
                throw fail(k, "unexpected " + shown(k) + " after the header's object (only spaces may pad it)");
            }
        }
    }

    private void metadata() throws InterchangeException {
        expect('{');
        space();
        if (peek() == '}') {
            i++;
            return;
        }
        while (true) {
            space();
            int at = i;
            String key = string();
            if (metadata.containsKey(key)) {
                throw fail(at, "__metadata__ names '" + key + "' twice");
            }
            space();
            expect(':');
            space();
            if (peek() != '"') {
                throw fail(i, "__metadata__ value of '" + key + "' is not a string, found " + shown(i));
            }
            metadata.put(key, string());
            space();
            if (next() == '}') {
                return;
            }
            if (b[i - 1] != ',') {
                throw fail(i - 1, "expected ',' or '}' in __metadata__, found " + shown(i - 1));
            }
        }
    }

    private void tensor(String name, int at) throws InterchangeException {
        if (peek() != '{') {
            throw fail(name, i, "'" + name + "' is not an object with dtype, shape and data_offsets");
        }
        i++;
        String dtype = null;
        long[] shape = null;
        long[] offsets = null;
        while (true) {
            space();
            int keyAt = i;
            String key = string();
            space();
            expect(':');
            space();
            switch (key) {
                case "dtype" -> {
                    if (dtype != null) {
                        throw fail(name, keyAt, "'" + name + "' gives dtype twice");
                    }
                    if (peek() != '"') {
                        throw fail(name, i, "the dtype of '" + name + "' is not a string");
                    }
                    dtype = string();
                }
                case "shape" -> {
                    if (shape != null) {
                        throw fail(name, keyAt, "'" + name + "' gives shape twice");
                    }
                    shape = integers(name, "shape");
                }
                case "data_offsets" -> {
                    if (offsets != null) {
                        throw fail(name, keyAt, "'" + name + "' gives data_offsets twice");
                    }
                    int from = i;
                    offsets = integers(name, "data_offsets");
                    if (offsets.length != 2) {
                        throw fail(name, from, "data_offsets of '" + name + "' has " + offsets.length
                                + " numbers, not [BEGIN, END]");
                    }
                }
                default -> throw fail(name, keyAt, "unexpected key '" + key + "' in '" + name
                        + "' (a tensor has dtype, shape and data_offsets)");
            }
            space();
            if (next() == '}') {
                break;
            }
            if (b[i - 1] != ',') {
                throw fail(name, i - 1, "expected ',' or '}' in '" + name + "', found " + shown(i - 1));
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            throw fail(name, at, "'" + name + "' lacks " + (dtype == null ? "dtype" : shape == null ? "shape"
                    : "data_offsets"));
        }
        tensors.add(new Declared(name, dtype, shape, offsets[0], offsets[1], base + at));
    }

    private long[] integers(String name, String what) throws InterchangeException {
        expect('[');
        List<Long> out = new ArrayList<>();
        space();
        if (peek() == ']') {
            i++;
            return new long[0];
        }
        while (true) {
            space();
            int at = i;
            if (peek() == '-' || !(peek() >= '0' && peek() <= '9')) {
                throw fail(name, at, what + " of '" + name + "' holds " + shown(at) + " where a whole number >= 0"
                        + " belongs");
            }
            if (peek() == '0' && i + 1 < b.length && b[i + 1] >= '0' && b[i + 1] <= '9') {
                throw fail(name, at, what + " of '" + name + "' holds a number with a leading zero");
            }
            long v = 0;
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                if (v > (Long.MAX_VALUE - 9) / 10) {
                    throw fail(name, at, what + " of '" + name + "' holds a number too large for any file");
                }
                v = v * 10 + (b[i++] - '0');
            }
            if (i < b.length && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) {
                throw fail(name, at, what + " of '" + name + "' holds a number that is not whole");
            }
            if (out.size() == MAX_DIMENSIONS) {
                throw fail(name, at, what + " of '" + name + "' has more than " + MAX_DIMENSIONS + " numbers");
            }
            out.add(v);
            space();
            if (next() == ']') {
                return out.stream().mapToLong(Long::longValue).toArray();
            }
            if (b[i - 1] != ',') {
                throw fail(name, i - 1, "expected ',' or ']' in " + what + " of '" + name + "', found "
                        + shown(i - 1));
            }
        }
    }

    private String string() throws InterchangeException {
        if (peek() != '"') {
            throw fail(i, "expected a string in the header, found " + shown(i));
        }
        int at = i++;
        StringBuilder s = new StringBuilder();
        int runStart = i;
        while (true) {
            byte c = next();
            if (c == '"') {
                s.append(utf8(runStart, i - 1, at));
                return s.toString();
            }
            if (c >= 0 && c < 0x20) {
                throw fail(i - 1, "a control character in a string of the header");
            }
            if (c == '\\') {
                s.append(utf8(runStart, i - 1, at));
                byte e = next();
                switch (e) {
                    case '"', '\\', '/' -> s.append((char) e);
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'u' -> {
                        int v = 0;
                        for (int k = 0; k < 4; k++) {
                            int d = Character.digit(next(), 16);
                            if (d < 0) {
                                throw fail(i - 1, "a \\u escape without four hex digits in the header");
                            }
                            v = v * 16 + d;
                        }
                        s.append((char) v);
                    }
                    default -> throw fail(i - 1, "an unknown escape \\" + (char) (e & 0xff) + " in the header");
                }
                runStart = i;
            }
        }
    }

    private String utf8(int from, int to, int stringAt) throws InterchangeException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fail(stringAt, "a string of the header is not valid UTF-8");
        }
    }

    private void space() {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
    }

    private byte peek() throws InterchangeException {
        if (i >= b.length) {
            throw fail(i, "the header ends in the middle of its JSON");
        }
        return b[i];
    }

    private byte next() throws InterchangeException {
        byte c = peek();
        i++;
        return c;
    }

    private void expect(char c) throws InterchangeException {
        if (peek() != c) {
            throw fail(i, "expected '" + c + "' in the header, found " + shown(i));
        }
        i++;
    }

    private String shown(int at) {
        if (at >= b.length) {
            return "the end";
        }
        int c = b[at] & 0xff;
        return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    }
}
