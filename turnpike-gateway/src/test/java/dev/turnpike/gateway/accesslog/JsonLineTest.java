package dev.turnpike.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.l402.TokenId;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The access log file's lines: one JSON object each, in UTF-8, read back by a JSON parser as written. */
class JsonLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonLine line = new JsonLine();

    @Test
    void aPaidRequestReadsBackFieldByField() throws Exception {
        TokenId token = TokenId.fromHex("ab".repeat(32));
        JsonNode j = read(new AccessRecord(Instant.parse("2026-12-07T08:44:03.218Z").toEpochMilli(),
                InetAddress.getByName("192.0.2.7"), "GET", "/quotes/./today?key=secret", "/quotes/today", 200,
                "quotes", "paid", null, token, null, 0, 3, 1_250_000, 2_010_000));
        assertThat(j.get("time").asText()).isEqualTo("2026-12-07T08:44:03.218Z");
        assertThat(j.get("client").asText()).isEqualTo("192.0.2.7");
        assertThat(j.get("path").asText()).as("the normalised path, the query's names").isEqualTo("/quotes/today?key");
        assertThat(j.get("status").asInt()).isEqualTo(200);
        assertThat(j.get("token_id").asText()).isEqualTo(token.toHex());
        assertThat(j.get("bytes_out").asLong()).isEqualTo(3);
        assertThat(j.get("upstream_ms").asDouble()).isEqualTo(1.3);
        assertThat(j.get("total_ms").asDouble()).isEqualTo(2.0);
        assertThat(j.has("reason")).isFalse();
    }

    @Test
    void timesKeepThreeDigitsOfMillisecondsAcrossSeconds() throws Exception {
        long whole = Instant.parse("2026-12-07T23:59:59Z").toEpochMilli();
        assertThat(read(record(whole, "/")).get("time").asText()).isEqualTo("2026-12-07T23:59:59.000Z");
        assertThat(read(record(whole + 1_007, "/")).get("time").asText()).isEqualTo("2026-12-08T00:00:00.007Z");
    }

    @Test
    void numbersAndDurationsAreWrittenExactly() throws Exception {
        JsonNode j = read(new AccessRecord(0, InetAddress.getByName("255.0.10.1"), "POST", "/", null, 0, null, null,
                null, null, null, 9_876_543_210L, 0, 0, 123_456_789_000L));
        assertThat(j.get("client").asText()).isEqualTo("255.0.10.1");
        assertThat(j.get("status").asInt()).isZero();
        assertThat(j.get("bytes_in").asLong()).isEqualTo(9_876_543_210L);
        assertThat(j.get("upstream_ms").asText()).isEqualTo("0.0");
        assertThat(j.get("total_ms").asText()).isEqualTo("123456.8");
    }

    @Test
    void anIpv6ClientIsWrittenInItsUsualForm() throws Exception {
        JsonNode j = read(new AccessRecord(0, InetAddress.getByName("2001:db8::7"), "GET", "/", null, 404, null, null,
                null, null, null, 0, 0, -1, 1));
        assertThat(j.get("client").asText()).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void quotesBackslashesControlCharactersAndOtherScriptsSurvive() throws Exception {
        String odd = "/a\"b\\c\u0001d\u2028é€\uD83D\uDE00\u007f";
        assertThat(read(record(0, odd)).get("path").asText()).isEqualTo(odd);
        assertThat(text(record(0, odd))).endsWith("}\n").doesNotContain("\u0001").doesNotContain("\u2028");
    }

    @Test
    void aLoneSurrogateIsEscapedSoTheLineStaysValidUtf8() throws Exception {
        String lone = "/a\uD800b";
        assertThat(read(record(0, lone)).get("path").asText()).isEqualTo(lone);
        assertThat(text(record(0, lone))).contains("\\ud800");
    }

    @Test
    void manyLinesBeyondTheBufferDrainAsOneWriteOfWholeLines() throws Exception {
        for (int i = 0; i < 100; i++) {
            line.append(record(i, "/" + "x".repeat(900) + i));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line.drainTo(out::write);
        assertThat(line.size()).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(100);
        assertThat(JSON.readTree(lines[99]).get("path").asText()).endsWith("x99");
    }

    private String text(AccessRecord r) throws Exception {
        line.append(r);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line.drainTo(out::write);
        return out.toString(StandardCharsets.UTF_8);
    }

    private JsonNode read(AccessRecord r) throws Exception {
        String text = text(r);
        assertThat(text).endsWith("}\n").doesNotContain("\n{");
        return JSON.readTree(text);
    }

    private static AccessRecord record(long millis, String target) {
        return new AccessRecord(millis, InetAddress.getLoopbackAddress(), "GET", target, null, 404, null, null, null,
                null, null, 0, 0, -1, 100_000);
    }
}
