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
        chars(value, true);
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
    void name(String name) {
        put(',');
        put('"');
        ascii(name);
        put('"');
        put(':');
    }
}
