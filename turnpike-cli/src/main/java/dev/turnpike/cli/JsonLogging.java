package dev.turnpike.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Switches logging to one JSON object per line (for {@code serve}); the other commands keep plain text. */
final class JsonLogging {

    private JsonLogging() {}

    static void enable() {
        URL config = JsonLogging.class.getResource("/logback-serve.xml");
        if (config == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J backend is in charge: leave its configuration alone
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("the JSON logging configuration is broken", e);
        }
    }
}
