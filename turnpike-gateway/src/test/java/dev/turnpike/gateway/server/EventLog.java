package dev.turnpike.gateway.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The events of one logger while a test runs, kept from the test output; close to detach. */
final class EventLog implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();

    EventLog(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        seen.start();
        logger.addAppender(seen);
        logger.setLevel(Level.INFO);
        logger.setAdditive(false);
    }

    List<ILoggingEvent> events() {
        return List.copyOf(seen.list);
    }

    /** The key-values of an event as {@code key=value}, in order. */
    static List<String> keyValues(ILoggingEvent event) {
        return event.getKeyValuePairs().stream().map(kv -> kv.key + "=" + kv.value).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(seen);
        logger.setLevel(null);
        logger.setAdditive(true);
    }
}
