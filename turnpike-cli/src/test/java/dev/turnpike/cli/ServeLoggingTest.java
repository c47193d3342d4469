package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.gateway.accesslog.LogStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** serve's one log format, in JSON and in text: ISO-8601 times, level, logger, message, key-values, one stream. */
class ServeLoggingTest {

    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @AfterEach
    void restore() throws Exception {
        System.setErr(originalErr);
        restoreTestLogging();
    }

    /** Logging as every module's tests have it (quiet), after a test enabled serve's. */
    static void restoreTestLogging() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        String testConfig = System.getProperty("logback.configurationFile"); // the quiet one of every module's tests
        if (testConfig != null) {
            configurator.doConfigure(new File(testConfig));
        } else {
            configurator.doConfigure(ServeLoggingTest.class.getResource("/logback.xml"));
        }
    }

    private String[] logSomeEvents(LogStream.Format format) {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        ServeLogging.enable(format);
        LoggerFactory.getLogger("dev.turnpike.gateway.Example").info("minting for {} failed", "quotes/today");
        LoggerFactory.getLogger("org.example.Chatty").info("below the root level: dropped");
        LoggerFactory.getLogger("turnpike.access").atInfo().addKeyValue("path", "/quotes/today")
                .addKeyValue("status", 200).log("access");
        return captured.toString(StandardCharsets.UTF_8).strip().split("\n");
    }

    @Test
    void jsonIsOneObjectPerLineWithAnIsoTimeAndUnescapedSlashes() throws Exception {
        String[] lines = logSomeEvents(LogStream.Format.JSON);
        assertThat(lines).hasSize(2);
        JsonNode event = new ObjectMapper().readTree(lines[0]);
        assertThat(event.get("level").asText()).isEqualTo("INFO");
        assertThat(event.get("logger").asText()).isEqualTo("dev.turnpike.gateway.Example");
        assertThat(event.get("message").asText()).isEqualTo("minting for quotes/today failed");
        assertThat(event.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(event.get("time").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(lines[0]).contains("quotes/today").doesNotContain("\\/");
        JsonNode access = new ObjectMapper().readTree(lines[1]);
        assertThat(access.get("logger").asText()).isEqualTo("turnpike.access");
        assertThat(access.get("path").asText()).isEqualTo("/quotes/today");
        assertThat(access.get("status").isInt()).isTrue();
    }

    @Test
    void textIsOneLinePerEventWithTheSameParts() {
        String[] lines = logSomeEvents(LogStream.Format.TEXT);
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO "
                + "dev\\.turnpike\\.gateway\\.Example: minting for quotes/today failed");
        assertThat(lines[1]).endsWith(" INFO turnpike.access: access path=/quotes/today status=200");
    }
}
