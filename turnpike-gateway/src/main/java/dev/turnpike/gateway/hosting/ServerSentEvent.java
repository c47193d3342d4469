package dev.turnpike.gateway.hosting;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One event of a {@code text/event-stream} (HTML Living Standard, "Server-sent events"): an event type, a data
 * line and an optional id. Data is one line (JSON without line breaks); the fields must not contain CR or LF.
 */
public record ServerSentEvent(String event, String data, String id) {

    public ServerSentEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        for (String field : new String[] {event, data, id == null ? "" : id}) {
            if (field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("an event field must be one line");
            }
        }
    }

    /** The event's wire form, ending with the blank line that dispatches it. */
    public byte[] encode() {
        StringBuilder b = new StringBuilder(data.length() + event.length() + 32);
        if (id != null) {
            b.append("id: ").append(id).append('\n');
        }
        b.append("event: ").append(event).append('\n').append("data: ").append(data).append("\n\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
