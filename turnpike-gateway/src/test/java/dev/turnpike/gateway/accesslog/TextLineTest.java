package dev.turnpike.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Access lines on the text log stream: one line each, whatever the request held. */
class TextLineTest {

    private final TextLine line = new TextLine("turnpike.access", "access");

    @Test
    void aLineHasTheLogsPartsThenTheFields() throws Exception {
        String text = text(new AccessRecord(Instant.parse("2026-12-07T08:44:03.007Z").toEpochMilli(),
                InetAddress.getByName("2001:db8::7"), "GET", "/a?x=1", null, 404, null, null, null, null, null, 0, 9,
                -1, 250_000));
        assertThat(text).isEqualTo("2026-12-07T08:44:03.007Z INFO turnpike.access: access client=2001:db8:0:0:0:0:0:7"
                + " method=GET path=/a?x status=404 bytes_in=0 bytes_out=9 total_ms=0.3\n");
    }

    @Test
    void controlCharactersCannotStartAForgedLine() throws Exception {
        String text = text(new AccessRecord(0, InetAddress.getLoopbackAddress(), "GET", "/a\n2026 INFO x: forged\u2028é",
                null, 400, null, null, null, null, null, 0, 0, -1, 1));
        assertThat(text.split("\n")).hasSize(1);
        assertThat(text).contains("/a\\u000a2026 INFO x: forged\\u2028é");
    }

    private String text(AccessRecord r) throws Exception {
        line.append(r);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line.drainTo(out::write);
        return out.toString(StandardCharsets.UTF_8);
    }
}
