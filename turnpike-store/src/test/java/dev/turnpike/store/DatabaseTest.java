package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Opening a database that cannot be used says which, and why, without a secret. */
class DatabaseTest {

    @Test
    void anUnreachablePostgresIsNamedWithoutItsParameters() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/turnpike";
        assertThatThrownBy(() -> Database.postgres(url + "?password=hunter2", Optional.of("gw"),
                Optional.of("s3cret"), 2))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("PostgreSQL at " + url + " cannot be used: Connection to 127.0.0.1:" + closed
                        + " refused")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aPoolNeedsAtLeastOneConnection() {
        assertThatThrownBy(() -> Database.postgres("jdbc:postgresql://127.0.0.1/turnpike", Optional.empty(),
                Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
