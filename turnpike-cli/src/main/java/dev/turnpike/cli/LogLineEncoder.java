package dev.turnpike.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import org.slf4j.event.KeyValuePair;

/**
 * The one log line format of {@code serve} (docs/operations.md "Logs"): the time in ISO-8601 (UTC, milliseconds),
 * the level, the logger, the message and the event's key-values (an access line's fields), then an error's stack
 * trace if any. {@code json}: one object per line, members {@code time level logger thread message}, the key-values,
 * {@code error}; slashes are not escaped. {@code text}: {@code TIME LEVEL logger: message key=value ...}.
 */
public final class LogLineEncoder extends EncoderBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NOTHING = new byte[0];
    /** ISO-8601, UTC, always three digits of milliseconds (as the access log writes its lines). */
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private boolean json = true;

    /** {@code json} (the default) or {@code text}; set by logback from the configuration. */
    public void setFormat(String format) {
        json = !"text".equals(format);
    }

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return (json ? json(event) : text(event)).getBytes(StandardCharsets.UTF_8);
    }

    private static String time(ILoggingEvent event) {
        return TIME.format(Instant.ofEpochMilli(event.getTimeStamp()));
    }

    private static String json(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", time(event));
            g.writeStringField("level", event.getLevel().toString());
            g.writeStringField("logger", event.getLoggerName());
            g.writeStringField("thread", event.getThreadName());
            g.writeStringField("message", event.getFormattedMessage());
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair kv : event.getKeyValuePairs()) {
                    switch (kv.value) {
                        case Integer i -> g.writeNumberField(kv.key, i);
                        case Long l -> g.writeNumberField(kv.key, l);
                        case Double d -> g.writeNumberField(kv.key, d);
                        case null -> g.writeNullField(kv.key);
                        default -> g.writeStringField(kv.key, kv.value.toString());
                    }
                }
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                g.writeStringField("error", ThrowableProxyUtil.asString(error));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8) + "\n";
    }

    private static String text(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160).append(time(event)).append(' ').append(event.getLevel())
                .append(' ').append(event.getLoggerName()).append(": ").append(event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair kv : event.getKeyValuePairs()) {
                line.append(' ').append(kv.key).append('=').append(kv.value);
            }
        }
        line.append('\n');
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.append(ThrowableProxyUtil.asString(error)).append('\n');
        }
        return line.toString();
    }
}
