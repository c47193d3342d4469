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
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
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

    @Override
    public void address(String name, InetAddress value) {
        text(name, value.getHostAddress());
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
        put(' ');
        ascii(name);
        put('=');
    }
}
