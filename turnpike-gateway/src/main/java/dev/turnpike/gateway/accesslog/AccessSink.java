package dev.turnpike.gateway.accesslog;

import dev.turnpike.io.PrivateFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
                AccessLine.fields(record, event::addKeyValue);
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
     * an existing file open to other users is refused.
     */
    static AccessSink file(Path file) throws IOException {
        PrivateFiles.createIfAbsent(file);
        PrivateFiles.requireOwnerOnly(file, "the access log");
        Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        JsonLine json = new JsonLine();
        return new AccessSink() {
            @Override
            public void write(AccessRecord record) throws IOException {
                out.append(json.of(record));
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
