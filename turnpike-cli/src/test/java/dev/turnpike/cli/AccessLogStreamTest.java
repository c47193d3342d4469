package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.gateway.accesslog.AccessLog;
import dev.turnpike.gateway.accesslog.AccessRecord;
import dev.turnpike.gateway.accesslog.LogStream;
import dev.turnpike.gateway.config.AccessLogConfig;
import dev.turnpike.l402.TokenId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Under {@code serve}, access lines are written to the log stream directly, in batches, not through the logging
 * framework: each line is what serve's log encoder would have written for the same event, in both formats.
 */
class AccessLogStreamTest {

    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final AccessRecord paid;

    AccessLogStreamTest() throws Exception {
        paid = new AccessRecord(Instant.parse("2026-12-07T08:44:03.218Z").toEpochMilli(),
                InetAddress.getByName("192.0.2.7"), "GET", "/quotes/./today?key=secret&page=2", "/quotes/today", 200,
                "quotes", "paid", null, TokenId.fromHex("ab".repeat(32)), null, 0, 1234, 12_540_000, 13_050_000);
    }

    @AfterEach
    void restore() throws Exception {
        System.setErr(originalErr);
        ServeLoggingTest.restoreTestLogging();
    }

    @ParameterizedTest
    @EnumSource(LogStream.Format.class)
    void aLineWrittenDirectlyIsTheLineTheLogEncoderWrites(LogStream.Format format) throws Exception {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Optional<LogStream> stream = ServeLogging.enable(format);
        assertThat(stream).isPresent();

        log(paid, stream); // directly
        log(paid, Optional.empty()); // through SLF4J and serve's encoder

        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(afterTheTime(lines[0])).isEqualTo(afterTheTime(lines[1]));
        assertThat(lines[0]).contains("2026-12-07T08:44:03.218Z").contains("/quotes/today?key&page")
                .doesNotContain("secret");
    }

    @Test
    void theLogStreamKeepsLinesWholeWhenTheWriterAndOtherEventsWriteAtOnce() throws Exception {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Optional<LogStream> stream = ServeLogging.enable(LogStream.Format.JSON);
        AccessLog accessLog = AccessLog.start(new AccessLogConfig(true, 1.0, Optional.empty()),
                new SimpleMeterRegistry().counter("dropped"), stream);
        Thread events = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 2_000; i++) {
                LoggerFactory.getLogger("turnpike.event.upstream").info("upstream {} failed", i);
            }
        });
        for (int i = 0; i < 20_000; i++) {
            accessLog.offer(paid);
        }
        events.join();
        accessLog.close();
        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSizeGreaterThan(2_000).allSatisfy(line -> assertThat(line).startsWith("{\"time\":\"")
                .endsWith("}"));
    }

    private static void log(AccessRecord record, Optional<LogStream> stream) throws Exception {
        AccessLog accessLog = AccessLog.start(new AccessLogConfig(true, 1.0, Optional.empty()),
                new SimpleMeterRegistry().counter("dropped"), stream);
        accessLog.offer(record);
        accessLog.close();
    }

    /** The line without its time: the encoder stamps when the line was logged, the direct writer when it ended. */
    private static String afterTheTime(String line) {
        return line.replaceFirst("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z", "TIME");
    }
}
