package dev.turnpike.gateway.accesslog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Access lines appended as UTF-8 to a reused buffer by the writer thread and drained in large writes. Written by hand
 * rather than through a JSON or logging library because it runs once per request on a core the event loops may
 * share; the fields are few and known, and going straight to bytes skips a string and a charset encoder per line.
 */
abstract class LineBuffer implements AccessLine.Fields {

    private byte[] buffer = new byte[16 * 1024];
    private int size;
    private long second = Long.MIN_VALUE;
    private byte[] secondPrefix = new byte[0];

    /** Appends the line of {@code r}, ending in a newline. */
    abstract void append(AccessRecord r);

    /** Starts a field: its separator and name. */
    abstract void name(String name);

    @Override
    public final void number(String name, long value) {
        name(name);
        digits(value);
    }

    @Override
    public final void tenthsOfMillis(String name, long tenths) {
        name(name);
        tenths(tenths);
    }

    /** Bytes appended and not yet drained. */
    final int size() {
        return size;
    }

    /** Where lines are drained: a file's stream, or the {@link LogStream}. */
    @FunctionalInterface
    interface Target {
        void write(byte[] bytes, int offset, int length) throws IOException;
    }

    /** Writes what was appended to {@code target}, in one write, and empties the buffer. */
    final void drainTo(Target target) throws IOException {
        try {
            target.write(buffer, 0, size);
        } finally {
            size = 0;
        }
    }

    /** ISO-8601 in UTC with milliseconds, {@code 2026-12-07T08:44:03.218Z}; the part up to the second is cached. */
    final void time(long millis) {
        long s = Math.floorDiv(millis, 1000);
        if (s != second) {
            String iso = Instant.ofEpochSecond(s).toString(); // 2026-12-07T08:44:03Z
            secondPrefix = iso.substring(0, iso.length() - 1).getBytes(StandardCharsets.US_ASCII);
            second = s;
        }
        room(secondPrefix.length);
        System.arraycopy(secondPrefix, 0, buffer, size, secondPrefix.length);
        size += secondPrefix.length;
        int ms = (int) Math.floorMod(millis, 1000);
        put('.');
        put((char) ('0' + ms / 100));
        put((char) ('0' + ms / 10 % 10));
        put((char) ('0' + ms % 10));
        put('Z');
    }

    /** A number of tenths as a decimal with one digit after the point: {@code 125} is {@code 12.5}. */
    final void tenths(long tenths) {
        digits(tenths / 10);
        put('.');
        put((char) ('0' + tenths % 10));
    }

    final void digits(long value) {
        long rest = value;
        if (rest < 0) {
            put('-');
            rest = -rest; // the numbers here are counts and durations; Long.MIN_VALUE never occurs
        }
        room(20);
        int start = size;
        do {
            buffer[size++] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        for (int a = start, b = size - 1; a < b; a++, b--) {
            byte t = buffer[a];
            buffer[a] = buffer[b];
            buffer[b] = t;
        }
    }

    /**
     * {@code value} as UTF-8, except what could end, forge or garble a line, written as {@code \\uXXXX}: control
     * characters, U+2028/9 (line ends in JavaScript) and lone surrogates; for JSON also {@code "} and {@code \\}
     * escaped with a backslash.
     */
    final void chars(String value, boolean json) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (json && (c == '"' || c == '\\')) {
                put('\\');
                put(c);
            } else if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                unicodeEscape(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                utf8(Character.toCodePoint(c, value.charAt(++i)));
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c);
            } else {
                utf8(c);
            }
        }
    }

    /** The code point, as UTF-8. */
    private void utf8(int codePoint) {
        room(4);
        if (codePoint < 0x80) {
            buffer[size++] = (byte) codePoint;
            return;
        }
        if (codePoint < 0x800) {
            buffer[size++] = (byte) (0xc0 | codePoint >> 6);
        } else {
            if (codePoint < 0x10000) {
                buffer[size++] = (byte) (0xe0 | codePoint >> 12);
            } else {
                buffer[size++] = (byte) (0xf0 | codePoint >> 18);
                buffer[size++] = (byte) (0x80 | (codePoint >> 12 & 0x3f));
            }
            buffer[size++] = (byte) (0x80 | (codePoint >> 6 & 0x3f));
        }
        buffer[size++] = (byte) (0x80 | (codePoint & 0x3f));
    }

    /** {@code \\uXXXX}. */
    private void unicodeEscape(char c) {
        ascii("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) {
            put(Character.forDigit((c >> shift) & 0xf, 16));
        }
    }

    /** {@code s}, known to be printable ASCII. */
    final void ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer[size++] = (byte) s.charAt(i);
        }
    }

    /** {@code c}, known to be ASCII. */
    final void put(char c) {
        room(1);
        buffer[size++] = (byte) c;
    }

    private void room(int bytes) {
        if (size + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + bytes));
        }
    }
}
