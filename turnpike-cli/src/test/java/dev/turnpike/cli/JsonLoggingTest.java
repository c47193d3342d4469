package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class JsonLoggingTest {

    private final PrintStream originalErr = System.err;

    @AfterEach
    void restore() throws Exception {
        System.setErr(originalErr);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(JsonLoggingTest.class.getResource("/logback.xml"));
    }

    @Test
    void serveLogsOneJsonObjectPerLineWithLevelLoggerAndMessage() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        JsonLogging.enable();
        LoggerFactory.getLogger("dev.turnpike.gateway.Example").info("minting for {} failed", "quotes");
        LoggerFactory.getLogger("org.example.Chatty").info("below the root level: dropped");

        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode event = new ObjectMapper().readTree(lines[0]);
        assertThat(event.get("level").asText()).isEqualTo("INFO");
        assertThat(event.get("loggerName").asText()).isEqualTo("dev.turnpike.gateway.Example");
        assertThat(event.get("formattedMessage").asText()).isEqualTo("minting for quotes failed");
    }
}
