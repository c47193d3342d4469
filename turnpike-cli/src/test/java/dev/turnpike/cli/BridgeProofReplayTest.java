package dev.turnpike.cli;

import static dev.turnpike.cli.BifrostFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.bifrost.PopProof;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 finding 4, over loopback HTTP: a proof of possession for reading the token is accepted once (a proof
 * captured while the session is pending does not work again after approval) and may be made only a few seconds in
 * the future.
 */
class BridgeProofReplayTest {

    @TempDir
    Path dir;

    private BifrostFixture f;
    private BifrostFixture.Opened s;

    @BeforeEach
    void start() throws Exception {
        f = new BifrostFixture(dir, 0, BifrostFixture.generousLimits(""));
        s = f.open();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private HttpResponse<String> readWith(String proof) throws Exception {
        return f.send(f.request("/api/auth/" + s.id()).header("DPoP", proof));
    }

    private String proof(long secondsFromNow) {
        return PopProof.createForSession(f.app, "GET", f.base + "/api/auth/" + s.id(), s.id(),
                f.clock.instant().plusSeconds(secondsFromNow), f.random);
    }

    @Test
    void aProofCapturedWhileThePendingSessionWasReadIsRefusedAfterApproval() throws Exception {
        String captured = proof(0);
        assertThat(error(readWith(captured), 400)).isEqualTo("authorization_pending");
        f.approve(s.id(), f.sign(s.id()));
        assertThat(error(readWith(captured), 401)).isEqualTo("proof_replayed");
        assertThat(readWith(proof(0)).statusCode()).as("a fresh proof reads it").isEqualTo(200);
    }

    @Test
    void aProofFromTheFutureIsRefusedBeyondAFewSeconds() throws Exception {
        f.approve(s.id(), f.sign(s.id()));
        assertThat(error(readWith(proof(30)), 401)).isEqualTo("proof_stale");
        assertThat(readWith(proof(5)).statusCode()).isEqualTo(200);
    }
}
