package dev.turnpike.cli;

/** A command's failure with an exit code of its own (not {@link Failures#FAILED}); its message is the one line shown. */
final class CommandFailure extends Exception {

    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
