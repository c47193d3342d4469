package dev.turnpike.client.bifrost;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads server-sent events as the HTML standard's event-stream format defines them: lines ending in CRLF, LF or CR;
 * {@code event:} sets the type (default {@code message}), {@code data:} lines are joined with newlines, a blank line
 * dispatches, lines starting with {@code :} are comments (heartbeats), one space after the colon is dropped. {@code
 * id} and {@code retry} are ignored: the client does not reconnect, it falls back to polling.
 *
 * <p>Bounded: a line longer than {@value #MAX_LINE_BYTES} bytes or an event with more than {@value
 * #MAX_EVENT_CHARS} characters of data fails with an {@link IOException}. Not thread-safe.
 */
final class EventStream {

    static final int MAX_LINE_BYTES = 8 * 1024;
    static final int MAX_EVENT_CHARS = 32 * 1024;

    /** One dispatched event. */
    record Event(String type, String data) {}

    private final InputStream in;
    private final Runnable onLine;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean afterCarriageReturn;

    /** @param onLine called for every line read, comments included: a sign of life for a watchdog */
    EventStream(InputStream in, Runnable onLine) {
        this.in = new BufferedInputStream(in);
        this.onLine = onLine;
    }

    /** The next event, or empty when the stream ends (an incomplete last event is dropped, as the standard says). */
    Optional<Event> next() throws IOException {
        String type = "message";
        StringBuilder data = null;
        String l;
        while ((l = readLine()) != null) {
            onLine.run();
            if (l.isEmpty()) {
                if (data != null) {
                    return Optional.of(new Event(type, data.toString()));
                }
                type = "message";
                continue;
            }
            if (l.startsWith(":")) {
                continue;
            }
            int colon = l.indexOf(':');
            String field = colon < 0 ? l : l.substring(0, colon);
            String value = colon < 0 ? "" : l.substring(colon + (l.startsWith(" ", colon + 1) ? 2 : 1));
            if (field.equals("event")) {
                type = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                if (data.length() > MAX_EVENT_CHARS) {
                    throw new IOException("an event holds more than " + MAX_EVENT_CHARS + " characters of data");
                }
            }
        }
        return Optional.empty();
    }

    private String readLine() throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
                continue; // the LF of a CRLF
            }
            afterCarriageReturn = b == '\r';
            if (b == '\n' || b == '\r') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new IOException("an event-stream line is longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        return null;
    }
}
