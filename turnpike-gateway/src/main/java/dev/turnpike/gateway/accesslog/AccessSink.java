package dev.turnpike.gateway.accesslog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.turnpike.io.PrivateFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        JsonGenerator json = new JsonFactory().createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null); // each object ends its own line
        return new AccessSink() {
            @Override
            public void write(AccessRecord record) throws IOException {
                json.writeStartObject();
                json.writeStringField("time", AccessLine.time(record));
                AccessLine.fields(record, (name, value) -> field(json, name, value));
                json.writeEndObject();
                json.flush();
                out.write('\n');
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                json.close();
                out.close();
            }
        };
    }

    private static void field(JsonGenerator json, String name, Object value) {
        try {
            switch (value) {
                case Integer i -> json.writeNumberField(name, i);
                case Long l -> json.writeNumberField(name, l);
                case Double d -> json.writeNumberField(name, d);
                default -> json.writeStringField(name, value.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
