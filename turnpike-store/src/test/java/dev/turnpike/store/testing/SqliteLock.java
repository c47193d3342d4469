package dev.turnpike.store.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Another process holding a SQLite file's write lock, as a second program on the same file does (another gateway,
 * or {@code sqlite3} with a transaction open): a JVM of its own that runs {@code BEGIN EXCLUSIVE} with sqlite-jdbc
 * and keeps it until {@link #close}. SQLite locks with POSIX record locks ({@code fcntl}), not {@code flock}, so
 * only another SQLite connection makes a lock SQLite honours.
 */
public final class SqliteLock implements AutoCloseable {

    private static final String HELD = "held";

    private final Process process;

    private SqliteLock(Process process) {
        this.process = process;
    }

    /** Starts the other process and returns once it holds the lock. */
    public static SqliteLock hold(Path file) throws IOException {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                SqliteLock.class.getName(), file.toAbsolutePath().toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals(HELD)) {
                return new SqliteLock(p);
            }
            said.append(line).append('\n');
        }
        p.destroyForcibly();
        throw new IOException("the locking process ended without the lock:\n" + said);
    }

    /** Ends the transaction (its stdin closes) and waits for the process to exit. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (process.waitFor(60, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        throw new IOException("the locking process did not end");
    }

    /** {@code PRAGMA integrity_check} of the file: {@code ok} when it is intact. */
    public static String integrityCheck(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            return r.getString(1);
        }
    }

    /** The other process: locks {@code args[0]}, says so, and holds the lock until its stdin ends. */
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]); Statement s = c.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            System.out.println(HELD);
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            s.execute("ROLLBACK");
        }
    }
}
