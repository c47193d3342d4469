package dev.turnpike.cli;

import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns an exception from a command into one line on stderr, prefixed with the whole command's name, and exit code 1
 * (or a {@link CommandFailure}'s own): a user sees what went wrong, not a stack trace. {@code TURNPIKE_DEBUG=1} prints the trace as well.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        var err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName(" ") + ": " + describe(e));
        if (System.getenv("TURNPIKE_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof CommandFailure f ? f.exitCode() : FAILED;
    }

    private static String describe(Throwable e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
