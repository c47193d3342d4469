package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.gateway.config.GatewayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder holds secrets (root keys, preimages, the admin secret, the node key): a served gateway creates it
 * 0700 and every file in it 0600, SQLite's {@code -wal} and {@code -shm} files included, and refuses to start on a
 * folder or database that other users may open.
 */
class DataFolderPermissionsTest {

    @TempDir
    Path dir;

    @AfterEach
    void quietLogsAgain() throws Exception {
        PaidRequests.quietLogsAgain();
    }

    @Test
    void everyFileTheGatewayWritesIsTheOwnersAlone() throws Exception {
        Path data = dir.resolve("state");
        try (SampleQuotesApi upstream = new SampleQuotesApi(); GatewayRuntime g = start(data, upstream)) {
            PaidRequests.buyQuote(g, dir.resolve("tokens")); // writes root keys, the ledger and the node's invoices: WAL files and all
            List<Path> written;
            try (Stream<Path> all = Files.walk(data)) {
                written = all.toList();
            }
            assertThat(written).extracting(p -> data.relativize(p).toString())
                    .contains("turnpike.db", "turnpike.db-wal", "turnpike.db-shm", "admin.secret");
            for (Path p : written) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                        .as(data.relativize(p).toString())
                        .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
    }

    @Test
    void aDataFolderOpenToOthersIsRefusedWithTheFix() throws Exception {
        Path data = Files.createDirectory(dir.resolve("state"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (SampleQuotesApi upstream = new SampleQuotesApi()) {
            assertThatThrownBy(() -> start(data, upstream)).isInstanceOf(IOException.class)
                    .hasMessage("the data folder " + data + " is open to other users (rwxr-xr-x): chmod 700 " + data);
        }
    }

    @Test
    void aDatabaseOpenToOthersIsRefusedWithTheFix() throws Exception {
        Path data = Files.createDirectory(dir.resolve("state"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path db = Files.createFile(data.resolve("turnpike.db"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try (SampleQuotesApi upstream = new SampleQuotesApi()) {
            assertThatThrownBy(() -> start(data, upstream)).isInstanceOf(UncheckedIOException.class)
                    .hasMessage("the database " + db + " is open to other users (rw-r--r--): chmod 600 " + db);
        }
    }

    private static GatewayRuntime start(Path data, SampleQuotesApi upstream) throws Exception {
        String config = """
                listen: 127.0.0.1:0
                data_dir: %s
                admin:
                  listen: 127.0.0.1:0
                services:
                  - name: quotes
                    match:
                      path: /quotes(/.*)?
                    upstream: http://127.0.0.1:%d
                    price_sats: 21
                """.formatted(data, upstream.port());
        return GatewayRuntime.start(GatewayConfig.parse(config, "permissions"), Clock.systemUTC(), new SecureRandom());
    }
}
