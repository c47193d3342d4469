package dev.turnpike.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class OutageLogTest {

    @Test
    void anOutageIsLoggedWhenItStartsAndWhenItEndsOnly() {
        OutageLog outage = new OutageLog();
        assertThat(outage.succeeded()).as("working all along").isFalse();
        assertThat(outage.failed()).as("first failure").isTrue();
        assertThat(outage.failed()).as("second failure").isFalse();
        assertThat(outage.succeeded()).as("recovered").isTrue();
        assertThat(outage.succeeded()).as("working again").isFalse();
        assertThat(outage.failed()).as("the next outage").isTrue();
    }

    @Test
    void theReasonsAreTheCauseChainOnOneLine() {
        Exception e = new IllegalStateException("root key store failed",
                new RuntimeException("root key could not be saved", new IOException("disk full")));
        assertThat(OutageLog.reasons(e)).isEqualTo("java.lang.IllegalStateException: root key store failed:"
                + " root key could not be saved: disk full");
    }

    @Test
    void aCauseThatRepeatsWhatIsSaidAlreadyIsLeftOut() {
        Exception e = new IllegalStateException("lnd unreachable: connection refused",
                new IOException("lnd unreachable: connection refused", new IOException("connection refused")));
        assertThat(OutageLog.reasons(e)).isEqualTo("java.lang.IllegalStateException: lnd unreachable: connection"
                + " refused");
    }
}
