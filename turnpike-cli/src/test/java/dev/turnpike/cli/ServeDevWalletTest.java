package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with the embedded node and its dev wallet API prints a funded dev wallet's key to pay with, as the
 * demo does, and the key pays: {@code fetch} with it gets through a paid route (processes of their own).
 */
class ServeDevWalletTest {

    @TempDir
    Path dir;

    @Test
    void serveOnTheEmbeddedNodePrintsAFundedDevWalletThatPays() throws Exception {
        try (SampleQuotesApi upstream = new SampleQuotesApi()) {
            Path config = dir.resolve("turnpike.yaml");
            Files.writeString(config, """
                    listen: 127.0.0.1:0
                    data_dir: %s
                    services:
                      - name: quotes
                        match:
                          path: /quotes(/.*)?
                        upstream: http://127.0.0.1:%d
                        price_sats: 21
                    """.formatted(dir.resolve("state"), upstream.port()));
            Process serve = TurnpikeProcesses.start(dir, List.of("serve", "--config", config.toString()));
            try {
                BufferedReader out = TurnpikeProcesses.lines(serve);
                StringBuilder seen = new StringBuilder();
                String listening = TurnpikeProcesses.readUntil(out, "listening: ", seen);
                String api = TurnpikeProcesses.readUntil(out, "wallet-api: ", seen);
                String key = TurnpikeProcesses.readUntil(out, "wallet-key: ", seen);
                String how = TurnpikeProcesses.readUntil(out, "  a new dev wallet holding ", seen);
                assertThat(key).matches("tpk_[0-9a-f]{64}");
                assertThat(how).startsWith("100000 sat on regtest (test coins): ./turnpike fetch URL --wallet lnbits:"
                        + api + " --wallet-key " + key);

                Process fetch = TurnpikeProcesses.start(dir, List.of("fetch", "http://" + listening + "/quotes/today",
                        "--max-cost", "100", "--wallet", "lnbits:" + api, "--wallet-key", key,
                        "--token-dir", dir.resolve("tokens").toString()));
                String fetched = new String(fetch.getInputStream().readAllBytes());
                assertThat(fetch.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(fetch.exitValue()).as(fetched).isZero();
                assertThat(fetched).contains("quote");
            } finally {
                serve.destroy();
                assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
