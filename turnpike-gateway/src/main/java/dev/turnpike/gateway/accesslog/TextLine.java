package dev.turnpike.gateway.accesslog;

import java.net.InetAddress;

/**
 * Access lines in the text log stream's format, as serve's log encoder writes any event:
 * {@code TIME INFO logger: message key=value ...}. Values are written as they are, except characters that could
 * forge or garble a line (control characters, U+2028/9, lone surrogates), written as {@code \\uXXXX}.
 */
final class TextLine extends LineBuffer {

    private final String head;

    /** The lines of a log event at INFO: the part that follows the time, then the fields. */
    TextLine(String logger, String message) {
        this.head = " INFO " + logger + ": " + message;
    }

    @Override
    void append(AccessRecord r) {
        time(r.endMillis());
        ascii(head);
        AccessLine.fields(r, this);
        put('\n');
    }

    @Override
    public void text(String name, String value) {
        name(name);
        chars(value, false);
    }

    @Override
    public void address(String name, InetAddress value) {
        text(name, value.getHostAddress());
    }

    @Override
    void name(String name) {
        put(' ');
        ascii(name);
        put('=');
    }
}
