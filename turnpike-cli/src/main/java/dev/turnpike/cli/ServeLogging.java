package dev.turnpike.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.turnpike.gateway.accesslog.LogStream;
import dev.turnpike.gateway.accesslog.LogStream.Format;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Switches logging to {@code serve}'s: one line per event on stderr in one format ({@link LogLineEncoder}), the
 * gateway's INFO events, its access lines and audit trails; the other commands keep their short plain text.
 */
final class ServeLogging {

    private ServeLogging() {}

    /** The format of {@code --log-format} when none is given: text on a terminal, JSON otherwise (for log shippers). */
    static Format defaultFormat() {
        return onTerminal() ? Format.TEXT : Format.JSON;
    }

    /**
     * Configures logging for {@code serve} in {@code format}, and returns the log stream that the access log writes
     * to directly, in batches (empty when another SLF4J backend is in charge). Both write whole lines, each in one
     * call, to {@link System#err}, whose lock keeps lines whole.
     */
    static Optional<LogStream> enable(Format format) {
        URL config = ServeLogging.class.getResource("/logback-serve.xml");
        if (config == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty(); // another SLF4J backend is in charge: leave its configuration alone
        }
        context.reset();
        context.putProperty("TURNPIKE_LOG_FORMAT", format.name().toLowerCase(Locale.ROOT));
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("the logging configuration is broken", e);
        }
        PrintStream err = System.err;
        return Optional.of(new LogStream() {
            @Override
            public Format format() {
                return format;
            }

            @Override
            public void write(byte[] lines, int offset, int length) {
                err.write(lines, offset, length);
            }
        });
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
