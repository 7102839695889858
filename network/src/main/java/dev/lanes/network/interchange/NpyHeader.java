package dev.lanes.network.interchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of a {@code .npy} array: magic {@code \x93NUMPY}, a version, the header's length (2 bytes
 * little-endian in version 1.0, 4 in 2.0 and 3.0), then a Python dict literal with exactly the keys
 * {@code descr}, {@code fortran_order} and {@code shape}, padded with spaces and ended by a newline.
 *
 * <p>Writing follows numpy 2: version 1.0, keys sorted, the shape's first axis given room to grow by 21 digits,
 * and the whole header padded to a multiple of 64 bytes, so an entry Lanes writes is byte for byte what
 * {@code np.save} writes for the same array. Reading takes what numpy writes in versions 1.0 to 3.0, with any
 * padding, and names the entry and offset of anything else.
 *
 * @param descr        the dtype string, e.g. {@code <f4}
 * @param fortranOrder whether the values are in column-major order
 * @param shape        the dimensions
 * @param length       the bytes before the values: magic, version, length field and header
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape, int length) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    /** Far more than any header numpy writes for an array of numbers; a longer one is refused before it is read. */
    static final int MAX_HEADER = 1 << 16;
    private static final int MAX_DIMENSIONS = 64;

    /** The header of a C-order array of {@code descr} and {@code shape}, as numpy writes it. */
    static byte[] format(String descr, long[] shape) {
        StringBuilder dims = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        dims.append(shape.length == 1 ? ",)" : ")");
        StringBuilder h = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': ").append(dims).append(", }");
        if (shape.length > 0) {
            h.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Long.toString(shape[0]).length()));
        }
        int fixed = MAGIC.length + 2 + 2;
        int total = -Math.floorDiv(-(fixed + h.length() + 1), ALIGN) * ALIGN;
        h.append(" ".repeat(total - fixed - h.length() - 1)).append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[fixed + text.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) text.length;
        out[9] = (byte) (text.length >>> 8);
        System.arraycopy(text, 0, out, fixed, text.length);
        return out;
    }

    /** Reads and parses the header at the start of {@code in}, the data of {@code entry} in {@code file}. */
    static NpyHeader read(InputStream in, Path file, String entry) throws IOException {
        byte[] start = in.readNBytes(MAGIC.length + 2);
        for (int i = 0; i < start.length && i < MAGIC.length; i++) {
            if (start[i] != MAGIC[i]) {
                throw new InterchangeException(file, entry, i, "not a .npy array (it does not start with"
                        + " \\x93NUMPY)");
            }
        }
        if (start.length < MAGIC.length + 2) {
            throw new InterchangeException(file, entry, start.length, "truncated: the entry ends inside the"
                    + " .npy magic and version");
        }
        int major = start[6] & 0xff;
        int minor = start[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new InterchangeException(file, entry, 6, ".npy format version " + major + "." + minor
                    + " is not supported (Lanes reads 1.0, 2.0 and 3.0)");
        }
        int fieldBytes = major == 1 ? 2 : 4;
        byte[] field = in.readNBytes(fieldBytes);
        if (field.length < fieldBytes) {
            throw new InterchangeException(file, entry, 8 + field.length, "truncated: the entry ends inside the"
                    + " header length");
        }
        long headerLength = 0;
        for (int i = fieldBytes - 1; i >= 0; i--) {
            headerLength = headerLength << 8 | (field[i] & 0xff);
        }
        int textAt = 8 + fieldBytes;
        if (headerLength > MAX_HEADER) {
            throw new InterchangeException(file, entry, 8, "the header declares " + headerLength
                    + " bytes, more than the " + MAX_HEADER + " any array of numbers needs (damaged)");
        }
        byte[] text = in.readNBytes((int) headerLength);
        if (text.length < headerLength) {
            throw new InterchangeException(file, entry, textAt + text.length, "truncated: the header declares "
                    + headerLength + " bytes but the entry ends after " + text.length);
        }
        return new Parser(file, entry, textAt, text, major == 3).header(textAt + (int) headerLength);
    }

    /** A strict reader of the one dict literal numpy writes. */
    private static final class Parser {
        private final Path file;
        private final String entry;
        private final int base;
        private final String s;
        private int i;

        Parser(Path file, String entry, int base, byte[] text, boolean utf8) throws InterchangeException {
            this.file = file;
            this.entry = entry;
            this.base = base;
            for (int k = 0; k < text.length; k++) {
                if (!utf8 && text[k] < 0) {
                    throw fail(k, "the header holds a byte that is not ASCII (0x" + Integer.toHexString(text[k] & 0xff)
                            + ")");
                }
            }
            this.s = new String(text, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII);
        }

        private InterchangeException fail(int at, String problem) {
            return new InterchangeException(file, entry, base + at, problem);
        }

        NpyHeader header(int length) throws InterchangeException {
            if (s.isEmpty() || s.charAt(s.length() - 1) != '\n') {
                throw fail(Math.max(0, s.length() - 1), "the header does not end with a newline");
            }
            skipSpaces();
            expect('{');
            String descr = null;
            Boolean fortran = null;
            long[] shape = null;
            while (true) {
                skipSpaces();
                if (peek() == '}') {
                    i++;
                    break;
                }
                int keyAt = i;
                String key = string();
                skipSpaces();
                expect(':');
                skipSpaces();
                switch (key) {
                    case "descr" -> {
                        if (descr != null) {
                            throw fail(keyAt, "the header gives 'descr' twice");
                        }
                        descr = string();
                    }
                    case "fortran_order" -> {
                        if (fortran != null) {
                            throw fail(keyAt, "the header gives 'fortran_order' twice");
                        }
                        fortran = bool();
                    }
                    case "shape" -> {
                        if (shape != null) {
                            throw fail(keyAt, "the header gives 'shape' twice");
                        }
                        shape = tuple();
                    }
                    default -> throw fail(keyAt, "unexpected key '" + key + "' in the header (a .npy header has"
                            + " descr, fortran_order and shape)");
                }
                skipSpaces();
                if (peek() == ',') {
                    i++;
                } else if (peek() != '}') {
                    throw fail(i, "expected ',' or '}' in the header, found " + found());
                }
            }
            // numpy pads with spaces before the newline
            while (i < s.length() - 1) {
                if (s.charAt(i) != ' ') {
                    throw fail(i, "unexpected " + found() + " after the header's dict (only spaces may pad it)");
                }
                i++;
            }
            if (descr == null || fortran == null || shape == null) {
                throw fail(i, "the header lacks " + (descr == null ? "'descr'" : fortran == null ? "'fortran_order'"
                        : "'shape'"));
            }
            return new NpyHeader(descr, fortran, shape, length);
        }

        private char peek() throws InterchangeException {
            if (i >= s.length()) {
                throw fail(i, "the header ends in the middle of its dict");
            }
            return s.charAt(i);
        }

        private String found() {
            return i >= s.length() ? "the end" : s.charAt(i) == '\n' ? "a newline" : "'" + s.charAt(i) + "'";
        }

        private void expect(char c) throws InterchangeException {
            if (peek() != c) {
                throw fail(i, "expected '" + c + "' in the header, found " + found());
            }
            i++;
        }

        private void skipSpaces() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }

        private String string() throws InterchangeException {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw fail(i, "expected a quoted string in the header, found " + found());
            }
            int from = ++i;
            while (peek() != quote) {
                if (s.charAt(i) == '\\' || s.charAt(i) == '\n') {
                    throw fail(i, "unexpected " + found() + " in a string of the header");
                }
                i++;
            }
            return s.substring(from, i++);
        }

        private boolean bool() throws InterchangeException {
            if (s.startsWith("True", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return false;
            }
            throw fail(i, "fortran_order is neither True nor False");
        }

        private long[] tuple() throws InterchangeException {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (true) {
                skipSpaces();
                if (peek() == ')') {
                    i++;
                    break;
                }
                int at = i;
                long d = 0;
                while (peek() >= '0' && peek() <= '9') {
                    if (d > (Long.MAX_VALUE - 9) / 10) {
                        throw fail(at, "a dimension of the shape is too large");
                    }
                    d = d * 10 + (s.charAt(i++) - '0');
                }
                if (i == at) {
                    throw fail(at, "expected a dimension (a whole number >= 0) in the shape, found " + found());
                }
                if (dims.size() == MAX_DIMENSIONS) {
                    throw fail(at, "the shape has more than " + MAX_DIMENSIONS + " dimensions");
                }
                dims.add(d);
                skipSpaces();
                if (peek() == ',') {
                    i++;
                } else if (peek() != ')') {
                    throw fail(i, "expected ',' or ')' in the shape, found " + found());
                }
            }
            return dims.stream().mapToLong(Long::longValue).toArray();
        }
    }
}
