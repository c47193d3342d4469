package dev.turnpike.gateway.accesslog;

import java.time.Instant;

/**
 * An access line as one JSON object, built in a reused buffer by the writer thread: the access log's file format.
 * Written by hand rather than through a JSON library because it runs once per request on a core the event loops
 * may share; the fields are few and known (names plain ASCII, values strings or numbers).
 */
final class JsonLine {

    private final StringBuilder line = new StringBuilder(512);
    private long second = Long.MIN_VALUE;
    private String secondPrefix = "";

    /** The line of {@code r}, ending in a newline; valid until the next call. */
    CharSequence of(AccessRecord r) {
        line.setLength(0);
        line.append("{\"time\":\"");
        time(r.endMillis());
        line.append('"');
        AccessLine.fields(r, this::field);
        return line.append("}\n");
    }

    /** ISO-8601 in UTC with milliseconds, {@code 2026-12-07T08:44:03.218Z}; the part up to the second is cached. */
    private void time(long millis) {
        long s = Math.floorDiv(millis, 1000);
        if (s != second) {
            String iso = Instant.ofEpochSecond(s).toString(); // 2026-12-07T08:44:03Z
            secondPrefix = iso.substring(0, iso.length() - 1);
            second = s;
        }
        int ms = (int) Math.floorMod(millis, 1000);
        line.append(secondPrefix).append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
                .append((char) ('0' + ms % 10)).append('Z');
    }

    private void field(String name, Object value) {
        line.append(",\"").append(name).append("\":");
        switch (value) {
            case Integer i -> line.append(i.intValue());
            case Long l -> line.append(l.longValue());
            case Double d -> line.append(d.doubleValue());
            default -> string(value.toString());
        }
    }

    private void string(String s) {
        line.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}
