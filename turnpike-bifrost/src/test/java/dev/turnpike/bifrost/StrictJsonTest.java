package dev.turnpike.bifrost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.bifrost.StrictJson.InvalidJsonException;
import dev.turnpike.bifrost.StrictJson.Problem;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRefused(byte[] body, Problem problem, String message) {
        assertThatThrownBy(() -> StrictJson.readObject(body, "the body"))
                .isInstanceOfSatisfying(InvalidJsonException.class, e -> assertThat(e.problem()).isEqualTo(problem))
                .hasMessageContaining(message);
    }

    @Test
    void readsOneObject() throws Exception {
        assertThat(StrictJson.readObject(utf8("{\"a\":[1,2.5,\"x\"],\"b\":{\"c\":null}} \n"), "the body").toString())
                .isEqualTo("{\"a\":[1,2.5,\"x\"],\"b\":{\"c\":null}}");
    }

    @Test
    void refusesWhatAnotherParserCouldReadDifferently() {
        assertRefused(utf8("{\"name\":\"Good\",\"name\":\"Evil\"}"), Problem.DUPLICATE_KEY, "Duplicate field 'name'");
        assertRefused(utf8("{\"a\":{\"b\":1,\"b\":2}}"), Problem.DUPLICATE_KEY, "Duplicate field 'b'");
        assertRefused(utf8("{\"a\":1} trailing"), Problem.INVALID, "the body is not valid JSON");
        assertRefused(utf8("{\"a\":1} 2"), Problem.TRAILING_CONTENT, "Trailing token");
        assertRefused(utf8("{\"a\":1}{}"), Problem.TRAILING_CONTENT, "Trailing token");
        assertRefused(utf8("{\"a\":1e400}"), Problem.NON_FINITE_NUMBER, "beyond the range of a double");
        assertRefused(utf8("{\"a\":[-1e400]}"), Problem.NON_FINITE_NUMBER, "the body holds a number");
        assertRefused(utf8("{\"a\":NaN}"), Problem.INVALID, "the body is not valid JSON");
    }

    @Test
    void refusesWhatIsNotABoundedObjectOfStrictUtf8() {
        assertRefused(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}, Problem.NOT_UTF8,
                "the body is not valid UTF-8");
        assertRefused(utf8("[]"), Problem.NOT_AN_OBJECT, "the body is not a JSON object");
        assertRefused(utf8(""), Problem.NOT_AN_OBJECT, "the body is not a JSON object");
        assertRefused(utf8("{\"a\":" + "[".repeat(16) + "]".repeat(16) + "}"), Problem.TOO_DEEP, "nesting depth");
        assertRefused(utf8("{\"a\":\"" + "x".repeat(StrictJson.MAX_BODY_CHARS) + "\"}"), Problem.TOO_LONG,
                "longer than 65536 characters");
        assertRefused(utf8("{\"a\":" + "1".repeat(40) + "}"), Problem.TOO_LONG, "Number value length");
        assertRefused(utf8("{\"a\":tru}"), Problem.INVALID, "the body is not valid JSON");
    }
}
