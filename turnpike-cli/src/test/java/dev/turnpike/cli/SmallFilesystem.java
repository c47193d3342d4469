package dev.turnpike.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A tmpfs of a few hundred KiB mounted for a test (root only: {@link #mount} says whether it could), to be filled
 * to the last byte and freed again.
 */
final class SmallFilesystem implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    /** Mounts a tmpfs of {@code kib} KiB, owner-only, at {@code mountPoint}; null if this process may not mount. */
    static SmallFilesystem mount(Path mountPoint, int kib) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        if (run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0700", "tmpfs", mountPoint.toString()) != 0) {
            return null;
        }
        return new SmallFilesystem(mountPoint);
    }

    Path path() {
        return mountPoint;
    }

    /** Writes a file until the filesystem has no byte left. */
    void fill() throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    /** Deletes what {@link #fill} wrote. */
    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (run("umount", mountPoint.toString()) != 0) {
            throw new IOException("could not unmount " + mountPoint);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
