package dev.turnpike.gateway.accesslog;

import dev.turnpike.io.PrivateFiles;
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
    /** Bytes of lines gathered before a write to the file. */
    int CHUNK = 64 * 1024;

    void write(AccessRecord record) throws IOException;

    /** After a batch of writes. */
    void flush() throws IOException;

    @Override
    void close() throws IOException;

    /** The log stream: an INFO event {@code access} of {@value #LOGGER} with the fields as key-values. */
    static AccessSink logStream() {
        Logger log = LoggerFactory.getLogger(LOGGER);
        return new AccessSink() {
            @Override
            public void write(AccessRecord record) {
                LoggingEventBuilder event = log.atInfo();
                AccessLine.fields(record, new KeyValues(event));
                event.log("access");
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
    }

    /**
     * One JSON object per line appended to {@code file}, created owner-only (0600) in an owner-only new folder;
     * an existing file open to other users is refused. Lines are written in chunks of about {@value #CHUNK} bytes,
     * and at each flush.
     */
    static AccessSink file(Path file) throws IOException {
        PrivateFiles.createIfAbsent(file);
        PrivateFiles.requireOwnerOnly(file, "the access log");
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND);
        JsonLine lines = new JsonLine();
        return new AccessSink() {
            @Override
            public void write(AccessRecord record) throws IOException {
                lines.append(record);
                if (lines.size() >= CHUNK) {
                    lines.drainTo(out);
                }
            }

            @Override
            public void flush() throws IOException {
                lines.drainTo(out);
            }

            @Override
            public void close() throws IOException {
                try (out) {
                    flush();
                }
            }
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
