package dev.turnpike.nodes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLineStreamTest {

    private static JsonLineStream stream(String text, int maxLine) {
        return new JsonLineStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxLine, "the test");
    }

    @Test
    void readsOneJsonValuePerLineSkippingBlankLines() throws Exception {
        JsonLineStream s = stream("{\"result\": 1}\n\r\n  \n{\"result\": 2}\n", 100);

        assertThat(s.next()).get().extracting(n -> n.get("result").asInt()).isEqualTo(1);
        assertThat(s.next()).get().extracting(n -> n.get("result").asInt()).isEqualTo(2);
        assertThat(s.next()).isEmpty();
    }

    @Test
    void aStreamCutInTheMiddleOfALineIsReportedNotParsed() throws Exception {
        JsonLineStream s = stream("{\"result\": 1}\n{\"result\": {\"r_ha", 100);

        assertThat(s.next()).isPresent();
        assertThatThrownBy(s::next).isInstanceOfSatisfying(NodeUnreachableException.class,
                e -> assertThat(e.requestMayHaveArrived()).isTrue())
                .hasMessage("the test was cut in the middle of a line");
    }

    @Test
    void aLineLongerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> stream("{\"a\": \"" + "x".repeat(200) + "\"}\n", 64).next())
                .isInstanceOf(NodeFailedException.class)
                .hasMessageContaining("longer than 64 bytes");
    }

    @Test
    void aLineThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> stream("<html>\n", 64).next())
                .isInstanceOf(NodeFailedException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(100) + "]".repeat(100) + "\n";
        assertThatThrownBy(() -> stream(deep, 1000).next()).isInstanceOf(NodeFailedException.class);
    }

    @Test
    void trailingGarbageAfterTheValueIsRefused() {
        assertThatThrownBy(() -> stream("{\"result\": 1} {\n", 100).next()).isInstanceOf(NodeFailedException.class);
    }
}
