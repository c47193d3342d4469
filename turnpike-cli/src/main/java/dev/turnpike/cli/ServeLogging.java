package dev.turnpike.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.Console;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Switches logging to {@code serve}'s: one line per event on stderr in one format ({@link LogLineEncoder}), the
 * gateway's INFO events, its access lines and audit trails; the other commands keep their short plain text.
 */
final class ServeLogging {

    /** The formats of {@code --log-format}. */
    enum Format {
        JSON, TEXT;

        /** Text on a terminal, JSON otherwise (for log shippers). */
        static Format forThisProcess() {
            return onTerminal() ? TEXT : JSON;
        }

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ServeLogging() {}

    static void enable(Format format) {
        URL config = ServeLogging.class.getResource("/logback-serve.xml");
        if (config == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J backend is in charge: leave its configuration alone
        }
        context.reset();
        context.putProperty("TURNPIKE_LOG_FORMAT", format.word());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("the logging configuration is broken", e);
        }
    }

    /**
     * Whether this process talks to a terminal. Up to Java 21 {@link System#console()} is null when it does not; later
     * ones always give a console and say it with {@code Console.isTerminal()}, looked up as it is not in Java 21.
     */
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
