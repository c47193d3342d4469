package dev.turnpike.gateway.accesslog;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Access lines as JSON objects, one per line: the access log file's format ({@code time}, then the fields) and, with
 * a head, the JSON log stream's ({@code time level logger thread message}, then the fields, as serve's log encoder
 * writes any event). Strings are escaped as JSON requires (and U+2028/9, which end lines in JavaScript); slashes
 * are not.
 */
final class JsonLine extends LineBuffer {

    private final String head;

    /** The access log file's lines. */
    JsonLine() {
        this("");
    }

    private JsonLine(String head) {
        this.head = head;
    }

    /** The lines of a log event at INFO: the members that follow the time, then the fields. */
    static JsonLine logEvent(String logger, String thread, String message) {
        return new JsonLine(",\"level\":\"INFO\",\"logger\":\"" + logger + "\",\"thread\":\"" + thread
                + "\",\"message\":\"" + message + "\"");
    }

    @Override
    void append(AccessRecord r) {
        ascii("{\"time\":\"");
        time(r.endMillis());
        put('"');
        ascii(head);
        AccessLine.fields(r, this);
        ascii("}\n");
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
        tenths(tenths);
    }

    private void name(String name) {
        put(',');
        put('"');
        ascii(name);
        put('"');
        put(':');
    }

    /**
     * The character at {@code i} that is not plain printable ASCII: JSON's escapes for quotes, backslashes and control
     * characters (and U+2028/9), UTF-8 for the rest; a lone surrogate is escaped.
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
}
