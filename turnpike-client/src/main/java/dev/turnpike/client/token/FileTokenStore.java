package dev.turnpike.client.token;

import dev.turnpike.io.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON file per origin in a folder ({@code ~/.turnpike/tokens} by default):
 * {@code <scheme>_<host>_<port>.json}.
 *
 * <ul>
 *   <li>Files are created owner-only (0600) and the folder 0700 where the file system has POSIX permissions: the
 *       permissions are given at creation, so a token is never readable by others, not even briefly.</li>
 *   <li>Writes go to a temporary file beside the target, forced to disk, then renamed over it
 *       ({@code ATOMIC_MOVE}): a reader sees the old token or the new one, never a part.</li>
 *   <li>Reads are bounded ({@value #MAX_FILE_BYTES} bytes); a file that is too large, not JSON, or not a valid
 *       token is treated as absent, with a warning that names the file and never its content.</li>
 *   <li>{@link #lock(Origin)} takes a lock per origin in this JVM and then an exclusive {@link FileLock} on
 *       {@code <name>.lock}, so two processes sharing the folder never pay for the same origin at once.</li>
 * </ul>
 */
public final class FileTokenStore implements TokenStore {

    /** The largest token file read (a macaroon is at most 64 KiB, an invoice at most 16 KiB). */
    public static final long MAX_FILE_BYTES = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FileTokenStore.class);
    /** JVM-wide, keyed by lock file: FileLock is per process, so threads (and stores) in one JVM queue here first. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path directory;

    public FileTokenStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    }

    /** {@code $TURNPIKE_HOME/tokens} if that variable is set, else {@code ~/.turnpike/tokens}. */
    public static Path defaultDirectory() {
        String home = System.getenv("TURNPIKE_HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".turnpike");
        return base.resolve("tokens");
    }

    public Path directory() {
        return directory;
    }

    /** The file that holds {@code origin}'s token. */
    public Path fileFor(Origin origin) {
        return directory.resolve(origin.fileName() + ".json");
    }

    @Override
    public Optional<StoredToken> load(Origin origin) throws TokenStoreException {
        Path file = fileFor(origin);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TokenStoreException("cannot read token file " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            LOG.warn("ignoring token file {}: larger than {} bytes", file, MAX_FILE_BYTES);
            return Optional.empty();
        }
        try {
            return Optional.of(TokenJson.decode(bytes, origin));
        } catch (TokenJson.CorruptTokenException e) {
            LOG.warn("ignoring corrupt token file {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void save(StoredToken token) throws TokenStoreException {
        Path file = fileFor(token.origin());
        try {
            PrivateFiles.createDirectory(directory);
            PrivateFiles.writeAtomically(file, TokenJson.encode(token));
        } catch (IOException e) {
            throw new TokenStoreException("cannot write token file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(Origin origin) throws TokenStoreException {
        Path file = fileFor(origin);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new TokenStoreException("cannot delete token file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public OriginLock lock(Origin origin) throws TokenStoreException, InterruptedException {
        Path lockFile = directory.resolve(origin.fileName() + ".lock");
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, f -> new ReentrantLock());
        jvmLock.lockInterruptibly();
        if (jvmLock.getHoldCount() > 1) {
            return jvmLock::unlock; // this thread already holds the file lock
        }
        FileChannel channel = null;
        try {
            PrivateFiles.createDirectory(directory);
            channel = openLockFile(lockFile);
            FileLock fileLock = channel.lock();
            FileChannel held = channel;
            return () -> {
                try {
                    fileLock.release();
                    held.close();
                } catch (IOException e) {
                    throw new TokenStoreException("cannot release lock " + lockFile + ": " + e.getMessage(), e);
                } finally {
                    jvmLock.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            jvmLock.unlock();
            throw new TokenStoreException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    private FileChannel openLockFile(Path lockFile) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return FileChannel.open(lockFile, options, PrivateFiles.ownerOnlyFile(lockFile));
    }


    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    @Override
    public String toString() {
        return "FileTokenStore[" + directory + "]";
    }
}
