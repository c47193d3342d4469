package dev.turnpike.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders only their owner can read (0600 and 0700), where the file system has POSIX
 * permissions. They are created with those permissions, never widened and narrowed afterwards, so
 * no other user can open them even for a moment.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    public static boolean supportsPosix(Path path) {
        return path.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Whether users other than the owner have any permission on {@code path} (group or others bits); false where
     * the file system has no POSIX permissions.
     */
    public static boolean isOpenToOthers(Path path) throws IOException {
        if (!supportsPosix(path)) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        return !OWNER_DIRECTORY.containsAll(permissions);
    }

    /**
     * Refuses a secret file that users other than its owner may use in any way (any group or others bit), as ssh
     * does with its identity files: a secret that may have leaked is not used silently. Where the file system has
     * no POSIX permissions, nothing is checked.
     *
     * @param what what the file is, for the message, e.g. {@code "the admin secret file"}
     * @throws IOException naming the file, its mode and the fix ({@code chmod 600 FILE}), or if it cannot be read
     */
    public static void requireOwnerOnly(Path file, String what) throws IOException {
        requireClosed(file, what, "600");
    }

    /**
     * Refuses a folder of secrets (a data folder) that users other than its owner may use in any way, as
     * {@link #requireOwnerOnly} refuses a file; the message says {@code chmod 700 FOLDER}.
     */
    public static void requireOwnerOnlyDirectory(Path directory, String what) throws IOException {
        requireClosed(directory, what, "700");
    }

    private static void requireClosed(Path path, String what, String fix) throws IOException {
        if (isOpenToOthers(path)) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
            throw new IOException(what + " " + path + " is open to other users (" + mode + "): chmod " + fix + " "
                    + path);
        }
    }

    /** The attributes that create an owner-only file on this file system (none where there is no POSIX). */
    public static FileAttribute<?>[] ownerOnlyFile(Path file) {
        return supportsPosix(file)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    /**
     * Creates the folder owner-only unless it exists; an existing one is kept as it is. Missing parents are made
     * owner-only too: they are Turnpike's (a home such as {@code ~/.turnpike} made for a token folder must not later
     * be a data folder open to others).
     */
    public static void createDirectory(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createDirectory(parent);
        }
        try {
            Files.createDirectory(absolute, supportsPosix(absolute)
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY)}
                    : new FileAttribute<?>[0]);
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile by another thread or process
        }
    }

    /** Creates an empty owner-only file unless one exists (then it is kept as it is); a new folder for it is 0700. */
    public static void createIfAbsent(Path file) throws IOException {
        createDirectory(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, ownerOnlyFile(file));
        } catch (FileAlreadyExistsException alreadyThere) {
            // Keep it as it is.
        }
    }

    /**
     * Writes {@code content} to {@code file} atomically: to an owner-only temporary file beside it, forced to
     * disk, then renamed over it, so a reader sees the old content or all of the new, never a part. A new folder
     * for it is 0700.
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        createDirectory(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp", ownerOnlyFile(file));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
