package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.cli.CliTest.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code l402 verify} and {@code l402 mint} on the state folder of a gateway that is serving it: verify needs only the
 * root keys (turnpike.db, shared), mint needs the embedded node, which the gateway holds, and says so.
 */
class L402BesideAGatewayTest {

    @TempDir
    Path dir;

    @Test
    void verifyReadsTheRootKeysOfARunningGatewayAndSeesItsRevocations() throws Exception {
        try (ServedGateway gateway = ServedGateway.start(dir)) {
            String token = PaidRequests.buyQuote(gateway.runtime, dir.resolve("tokens"));
            String data = gateway.dataDir.toString();

            Run valid = CliTest.run("l402", "verify", "--data-dir", data, "--token", token);
            assertThat(valid.exitCode()).as(valid.err()).isZero();
            JsonNode verdict = new ObjectMapper().readTree(valid.out());
            assertThat(verdict.get("verdict").asText()).isEqualTo("valid");

            String id = verdict.get("token_id").asText();
            assertThat(gateway.admin("POST", "/api/tokens/" + id + "/revoke").statusCode()).isEqualTo(200);
            Run revoked = CliTest.run("l402", "verify", "--data-dir", data, "--token", token);
            assertThat(revoked.exitCode()).isEqualTo(1);
            assertThat(new ObjectMapper().readTree(revoked.out()).get("reason").asText()).isEqualTo("revoked");
        }
    }

    @Test
    void mintSaysTheNodeIsInUseByAnotherProcess() throws Exception {
        try (ServedGateway gateway = ServedGateway.start(dir)) {
            Run r = CliTest.run("l402", "mint", "--service", "quotes", "--price", "1", "--data-dir",
                    gateway.dataDir.toString());
            assertThat(r.exitCode()).isEqualTo(Failures.FAILED);
            assertThat(r.err()).isEqualTo("turnpike l402 mint: the embedded node in " + gateway.dataDir.resolve("node")
                    + " is in use by another process (a gateway serving " + gateway.dataDir + "?), and this command"
                    + " needs it; stop that process, or give another --data-dir\n");
        }
    }
}
