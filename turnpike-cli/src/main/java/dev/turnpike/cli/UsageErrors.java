package dev.turnpike.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * A command line that cannot be parsed: the error with the full command's name, and a one-line hint pointing to
 * its help, not the whole help text. Exit code 2, picocli's for usage errors.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String command = cmd.getCommandSpec().qualifiedName(" ");
        PrintWriter err = cmd.getErr();
        err.println(command + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command + " --help' for the options.");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
