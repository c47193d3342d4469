package dev.turnpike.cli;

import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A command's output that a test can wait on while the command still runs: no sleeping, a monitor wait. */
final class WatchedOutput extends Writer {

    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
        text.append(chars, offset, length);
        notifyAll();
    }

    /** Group 1 of the first match of {@code pattern}, once the output holds one. */
    synchronized String await(Pattern pattern, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("no " + pattern + " in the output so far:\n" + text);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public synchronized String toString() {
        return text.toString();
    }
}
