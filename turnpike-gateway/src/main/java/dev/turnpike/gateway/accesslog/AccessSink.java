package dev.turnpike.gateway.accesslog;

import dev.turnpike.io.PrivateFiles;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/** Where the writer thread puts access lines. Used by that thread only. */
interface AccessSink extends AutoCloseable {

    /** The logger of access lines on the log stream. */
    String LOGGER = "turnpike.access";
    /** The message of every access line on the log stream. */
    String MESSAGE = "access";
    /** Bytes of lines gathered before a write. */
    int CHUNK = 64 * 1024;

    void write(AccessRecord record) throws IOException;

    /** After a batch of writes. */
    void flush() throws IOException;

    @Override
    void close() throws IOException;

    /**
     * The process's log stream, written directly: each line as the logging framework would write an INFO event
     * {@value #MESSAGE} of {@value #LOGGER} on the writer thread, with the fields as key-values.
     */
    static AccessSink stream(LogStream stream) {
        return chunked(stream.format() == LogStream.Format.JSON ? JsonLine.logEvent(LOGGER, AccessLog.WRITER, MESSAGE)
                : new TextLine(LOGGER, MESSAGE), stream::write, () -> {});
    }

    /**
     * One JSON object per line appended to {@code file}, created owner-only (0600) in an owner-only new folder;
     * an existing file open to other users is refused.
     */
    static AccessSink file(Path file) throws IOException {
        PrivateFiles.createIfAbsent(file);
        PrivateFiles.requireOwnerOnly(file, "the access log");
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND);
        return chunked(new JsonLine(), out::write, out);
    }

    /** Lines gathered in chunks of about {@value #CHUNK} bytes, each written at once, and at each flush. */
    private static AccessSink chunked(LineBuffer lines, LineBuffer.Target target, Closeable resource) {
        return new AccessSink() {
            @Override
            public void write(AccessRecord record) throws IOException {
                lines.append(record);
                if (lines.size() >= CHUNK) {
                    lines.drainTo(target);
                }
            }

            @Override
            public void flush() throws IOException {
                lines.drainTo(target);
            }

            @Override
            public void close() throws IOException {
                try (resource) {
                    flush();
                }
            }
        };
    }

    /**
     * The log stream through SLF4J, where no {@link LogStream} is given: an INFO event {@value #MESSAGE} of
     * {@value #LOGGER} with the fields as key-values.
     */
    static AccessSink logger() {
        Logger log = LoggerFactory.getLogger(LOGGER);
        return new AccessSink() {
            @Override
            public void write(AccessRecord record) {
                LoggingEventBuilder event = log.atInfo();
                AccessLine.fields(record, new KeyValues(event));
                event.log(MESSAGE);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
    }

    /** The fields as an event's key-values, the durations as numbers of milliseconds. */
    record KeyValues(LoggingEventBuilder event) implements AccessLine.Fields {
        @Override
        public void text(String name, String value) {
            event.addKeyValue(name, value);
        }

        @Override
        public void address(String name, InetAddress value) {
            event.addKeyValue(name, value.getHostAddress());
        }

        @Override
        public void number(String name, long value) {
            event.addKeyValue(name, value);
        }

        @Override
        public void tenthsOfMillis(String name, long tenths) {
            event.addKeyValue(name, tenths / 10.0);
        }
    }
}
