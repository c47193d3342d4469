package dev.turnpike.client.bifrost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The event-stream format as the HTML standard defines it, and its bounds. */
class EventStreamTest {

    private final AtomicInteger lines = new AtomicInteger();

    private List<EventStream.Event> read(String stream) throws IOException {
        EventStream events = new EventStream(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)),
                lines::incrementAndGet);
        List<EventStream.Event> out = new ArrayList<>();
        for (var e = events.next(); e.isPresent(); e = events.next()) {
            out.add(e.get());
        }
        return out;
    }

    @Test
    void eventsWithTypesJoinedDataCommentsAndEveryLineEnding() throws Exception {
        assertThat(read(": heartbeat\r\n\r\nevent: state\r\ndata: {\"state\":\"pending\"}\r\n\r\n"
                + "data:first\rdata:  second\r\rid: 7\nretry: 10\nevent:ping\ndata\n\n"
                + "event: dropped\n\ndata: cut off at the end"))
                .containsExactly(new EventStream.Event("state", "{\"state\":\"pending\"}"),
                        new EventStream.Event("message", "first\n second"),
                        new EventStream.Event("ping", ""));
        assertThat(lines.get()).as("lines, the unterminated last one not").isEqualTo(15);
    }

    @Test
    void aFieldWithoutColonAndUnknownFieldsAreIgnoredAsTheStandardSays() throws Exception {
        assertThat(read("foo: bar\nevent\ndata: x\n\n")).containsExactly(new EventStream.Event("", "x"));
    }

    @Test
    void overlongLinesAndEventsEndTheStream() {
        assertThatThrownBy(() -> read("data: " + "x".repeat(EventStream.MAX_LINE_BYTES) + "\n\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("longer than " + EventStream.MAX_LINE_BYTES);
        String manyLines = ("data: " + "y".repeat(1000) + "\n").repeat(EventStream.MAX_EVENT_CHARS / 1000 + 1);
        assertThatThrownBy(() -> read(manyLines + "\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("more than " + EventStream.MAX_EVENT_CHARS);
    }
}
