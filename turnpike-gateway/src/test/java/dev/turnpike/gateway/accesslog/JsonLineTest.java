package dev.turnpike.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.l402.TokenId;
import java.net.InetAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The access log file's lines: one JSON object each, read back by a JSON parser as written. */
class JsonLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonLine line = new JsonLine();

    @Test
    void aPaidRequestReadsBackFieldByField() throws Exception {
        TokenId token = TokenId.fromHex("ab".repeat(32));
        JsonNode j = read(new AccessRecord(Instant.parse("2026-12-07T08:44:03.218Z").toEpochMilli(),
                InetAddress.getByName("192.0.2.7"), "GET", "/quotes/today?key=secret", 200, "quotes", "paid", null,
                token, null, 0, 3, 1_250_000, 2_010_000));
        assertThat(j.get("time").asText()).isEqualTo("2026-12-07T08:44:03.218Z");
        assertThat(j.get("client").asText()).isEqualTo("192.0.2.7");
        assertThat(j.get("path").asText()).isEqualTo("/quotes/today?key");
        assertThat(j.get("status").asInt()).isEqualTo(200);
        assertThat(j.get("token_id").asText()).isEqualTo(token.toHex());
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
    void quotesBackslashesAndControlCharactersAreEscaped() throws Exception {
        String odd = "/a\"b\\c\u0001d\u2028é";
        assertThat(read(record(0, odd)).get("path").asText()).isEqualTo(odd);
        assertThat(line.of(record(0, odd)).toString()).endsWith("}\n").doesNotContain("\u0001");
    }

    private JsonNode read(AccessRecord r) throws Exception {
        String text = line.of(r).toString();
        assertThat(text).endsWith("}\n").doesNotContain("\n{");
        return JSON.readTree(text);
    }

    private static AccessRecord record(long millis, String target) throws Exception {
        return new AccessRecord(millis, InetAddress.getLoopbackAddress(), "GET", target, 404, null, null, null, null,
                null, 0, 0, -1, 100_000);
    }
}
