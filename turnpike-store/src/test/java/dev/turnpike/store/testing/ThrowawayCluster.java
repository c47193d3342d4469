package dev.turnpike.store.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of this JVM's own: {@code initdb} in a temporary folder, {@code pg_ctl} on a free loopback
 * port, run as the {@code postgres} OS user when the tests run as root (PostgreSQL refuses root). Password logins
 * only over TCP; fsync off, for speed. Stopped by its own {@code pg_ctl stop} when the JVM exits, and its folder
 * deleted; a cluster left behind by a JVM that was killed is stopped the same way by the next one. No other
 * PostgreSQL on the machine is touched.
 */
final class ThrowawayCluster {

    static final String SUPERUSER = "postgres";
    private static final String FOLDER_PREFIX = "turnpike-pg-";
    private static final String OWNER_FILE = "owner.pid";
    /** util-linux's, where Debian puts it (root's PATH may lack /usr/sbin), else from the PATH. */
    private static final String RUNUSER = Files.isExecutable(Path.of("/usr/sbin/runuser")) ? "/usr/sbin/runuser"
            : "runuser";

    private final Path bin;
    private final Path dir;
    private final Optional<UserPrincipal> runAs;
    private final String password;
    private int port;

    private ThrowawayCluster(Path bin, Path dir, Optional<UserPrincipal> runAs, String password) {
        this.bin = bin;
        this.dir = dir;
        this.runAs = runAs;
        this.password = password;
    }

    /**
     * Makes and starts a cluster, to be stopped at JVM exit.
     *
     * @throws IOException saying why, e.g. when this machine has no PostgreSQL server binaries
     */
    static ThrowawayCluster start() throws IOException, InterruptedException {
        Path bin = serverBinaries().orElseThrow(() -> new IOException("no PostgreSQL server binaries (initdb, pg_ctl)"
                + " in /usr/lib/postgresql/*/bin or on the PATH"));
        Optional<UserPrincipal> runAs = Optional.empty();
        if ("root".equals(System.getProperty("user.name"))) {
            try {
                runAs = Optional.of(Path.of("/").getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(SUPERUSER));
            } catch (IOException e) {
                throw new IOException("running as root, and there is no " + SUPERUSER + " OS user to run PostgreSQL as");
            }
        }
        stopLeftovers(bin, runAs);
        Path dir = Files.createTempDirectory(FOLDER_PREFIX);
        Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        byte[] password = new byte[16];
        new SecureRandom().nextBytes(password);
        ThrowawayCluster cluster = new ThrowawayCluster(bin, dir, runAs, HexFormat.of().formatHex(password));
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "throwaway-postgres-stop"));
        cluster.initdb();
        cluster.serve();
        return cluster;
    }

    int port() {
        return port;
    }

    String password() {
        return password;
    }

    private void initdb() throws IOException, InterruptedException {
        Path pwfile = dir.resolve("superuser.pw");
        Files.writeString(pwfile, password + "\n");
        if (runAs.isPresent()) {
            Files.setOwner(dir, runAs.get());
            Files.setOwner(pwfile, runAs.get());
        }
        run("initdb", List.of("-D", data().toString(), "-U", SUPERUSER, "--pwfile=" + pwfile, "--auth-host=scram-sha-256",
                "--auth-local=trust", "-E", "UTF8", "--locale=C", "--no-sync"));
    }

    /** Starts the server on a free port: another process may take the one found first, so up to three tries. */
    private void serve() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            Files.writeString(data().resolve("postgresql.conf"), String.join("\n", "",
                    "listen_addresses = '127.0.0.1'",
                    "port = " + port,
                    "unix_socket_directories = '" + dir + "'",
                    "max_connections = 200",
                    "shared_buffers = 32MB",
                    "fsync = off",
                    "synchronous_commit = off",
                    "full_page_writes = off", ""), StandardOpenOption.APPEND);
            try {
                run("pg_ctl", List.of("-D", data().toString(), "-l", dir.resolve("server.log").toString(), "-w",
                        "-t", "60", "start"));
                return;
            } catch (IOException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Stops the server as an operator's restart would ({@code pg_ctl stop -m fast}); {@link #resume} starts it again. */
    void pause() throws IOException, InterruptedException {
        run("pg_ctl", List.of("-D", data().toString(), "-m", "fast", "-w", "stop"));
    }

    /** Starts the paused server again, on the same port. */
    void resume() throws IOException, InterruptedException {
        run("pg_ctl", List.of("-D", data().toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
                "start"));
    }

    /** Stops the server and deletes its folder. */
    void stop() {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                run("pg_ctl", List.of("-D", data().toString(), "-m", "immediate", "-w", "stop"));
            }
        } catch (IOException | InterruptedException e) {
            // the JVM is exiting: the next run stops what is left (stopLeftovers)
            return;
        }
        deleteTree(dir);
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void run(String program, List<String> args) throws IOException, InterruptedException {
        run(bin, runAs, dir, program, args);
    }

    /** Runs one of the server programs as the cluster's OS user; its output goes to {@code dir/<program>.log}. */
    private static void run(Path bin, Optional<UserPrincipal> runAs, Path dir, String program, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        runAs.ifPresent(user -> command.addAll(List.of(RUNUSER, "-u", user.getName(), "--")));
        command.add(bin.resolve(program).toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(program + ".log").toFile()));
        pb.environment().keySet().removeIf(name -> name.startsWith("PG")); // PGDATA, PGPORT… are not for us
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(program + " did not finish within 90 s (see " + dir + ")");
        }
        if (p.exitValue() != 0) {
            throw new IOException(program + " failed with exit code " + p.exitValue() + ": "
                    + lastLines(dir.resolve(program + ".log")) + lastLines(dir.resolve("server.log")));
        }
    }

    /** Stops and deletes the clusters of earlier test JVMs that died without stopping theirs (e.g. kill -9). */
    private static void stopLeftovers(Path bin, Optional<UserPrincipal> runAs) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> folders = Files.list(tmp)) {
            for (Path dir : folders.filter(f -> f.getFileName().toString().startsWith(FOLDER_PREFIX)).toList()) {
                Optional<Long> owner = ownerOf(dir);
                if (owner.isEmpty() || ProcessHandle.of(owner.get()).isPresent()) {
                    continue; // not one of ours, or its JVM still runs
                }
                try {
                    if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                        run(bin, runAs, dir, "pg_ctl", List.of("-D", dir.resolve("data").toString(), "-m",
                                "immediate", "-w", "stop"));
                    }
                    deleteTree(dir);
                } catch (IOException | InterruptedException e) {
                    // not ours to fix now: this run makes a cluster of its own anyway
                }
            }
        }
    }

    private static Optional<Long> ownerOf(Path dir) {
        try {
            return Optional.of(Long.parseLong(Files.readString(dir.resolve(OWNER_FILE)).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Debian's {@code /usr/lib/postgresql/<version>/bin}, the newest version, else where the PATH has initdb. */
    static Optional<Path> serverBinaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin")).filter(ThrowawayCluster::hasServer)
                        .max(Comparator.comparingInt(b -> majorVersion(b.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                // fall through to the PATH
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(s -> !s.isEmpty()).map(Path::of).filter(ThrowawayCluster::hasServer).findFirst();
    }

    private static boolean hasServer(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }

    private static int majorVersion(String folder) {
        String digits = folder.replaceFirst("\\D.*", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())) + "\n";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system cleans it eventually
        }
    }
}
