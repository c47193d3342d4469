package dev.turnpike.gateway.accesslog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Access lines as JSON objects, one per line, appended as UTF-8 to a reused buffer by the writer thread and drained
 * to the file in large writes: the access log's file format. Written by hand rather than through a JSON library
 * because it runs once per request on a core the event loops may share; the fields are few and known (names plain
 * ASCII, values text or numbers), and going straight to bytes skips a string and a charset encoder per line.
 */
final class JsonLine implements AccessLine.Fields {

    private byte[] buffer = new byte[16 * 1024];
    private int size;
    private long second = Long.MIN_VALUE;
    private byte[] secondPrefix = new byte[0];

    /** Appends the line of {@code r}, ending in a newline. */
    void append(AccessRecord r) {
        ascii("{\"time\":\"");
        time(r.endMillis());
        put('"');
        AccessLine.fields(r, this);
        ascii("}\n");
    }

    /** Bytes appended and not yet drained. */
    int size() {
        return size;
    }

    /** Writes what was appended to {@code out}, in one write, and empties the buffer. */
    void drainTo(OutputStream out) throws IOException {
        try {
            out.write(buffer, 0, size);
        } finally {
            size = 0;
        }
    }

    @Override
    public void text(String name, String value) {
        name(name);
        put('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                put(c);
            } else {
                i = escaped(value, i);
            }
        }
        put('"');
    }

    @Override
    public void address(String name, InetAddress value) {
        if (!(value instanceof Inet4Address)) {
            text(name, value.getHostAddress());
            return;
        }
        name(name);
        put('"');
        byte[] octets = value.getAddress();
        for (int i = 0; i < octets.length; i++) {
            if (i > 0) {
                put('.');
            }
            digits(octets[i] & 0xff);
        }
        put('"');
    }

    @Override
    public void number(String name, long value) {
        name(name);
        digits(value);
    }

    @Override
    public void tenthsOfMillis(String name, long tenths) {
        name(name);
        digits(tenths / 10);
        put('.');
        put((char) ('0' + tenths % 10));
    }

    private void name(String name) {
        put(',');
        put('"');
        ascii(name);
        put('"');
        put(':');
    }

    /** ISO-8601 in UTC with milliseconds, {@code 2026-12-07T08:44:03.218Z}; the part up to the second is cached. */
    private void time(long millis) {
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

    /**
     * The character at {@code i} that is not plain printable ASCII: JSON's escapes for quotes, backslashes and control
     * characters (and U+2028/9, which end lines in JavaScript), UTF-8 for the rest; a lone surrogate is escaped.
     *
     * @return the index of the last character consumed
     */
    private int escaped(String s, int i) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
            put('\\');
            put(c);
        } else if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
            unicodeEscape(c);
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            utf8(Character.toCodePoint(c, s.charAt(i + 1)));
            return i + 1;
        } else if (Character.isSurrogate(c)) {
            unicodeEscape(c);
        } else {
            utf8(c);
        }
        return i;
    }

    private void unicodeEscape(char c) {
        ascii("\\u");
        for (int shift = 12; shift >= 0; shift -= 4) {
            put(Character.forDigit((c >> shift) & 0xf, 16));
        }
    }

    private void utf8(int codePoint) {
        room(4);
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

    private void digits(long value) {
        if (value < 0) {
            put('-');
            value = -value; // the numbers here are counts and durations; Long.MIN_VALUE never occurs
        }
        room(20);
        int start = size;
        do {
            buffer[size++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int a = start, b = size - 1; a < b; a++, b--) {
            byte t = buffer[a];
            buffer[a] = buffer[b];
            buffer[b] = t;
        }
    }

    /** {@code s}, known to be printable ASCII. */
    private void ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer[size++] = (byte) s.charAt(i);
        }
    }

    private void put(char c) {
        room(1);
        buffer[size++] = (byte) c;
    }

    private void room(int bytes) {
        if (size + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + bytes));
        }
    }
}
