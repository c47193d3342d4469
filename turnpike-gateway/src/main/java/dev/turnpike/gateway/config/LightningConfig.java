package dev.turnpike.gateway.config;

import dev.turnpike.lightning.bolt11.Network;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The Lightning backend that issues the gateway's invoices.
 *
 * @param network      the chain every invoice must be for; an invoice a node returns for another is refused
 * @param strictVerify besides the preimage check, require the backend to report a token's invoice settled before
 *                     the token's first use (the answer is remembered: a token is settled once)
 * @param backend      which node, and how to reach it
 */
public record LightningConfig(Network network, boolean strictVerify, Backend backend) {

    public LightningConfig {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(backend, "backend");
    }

    /** How to reach the node. */
    public sealed interface Backend permits Embedded, Lnd, Cln, Lnbits {}

    /**
     * The embedded development node (state under {@code <data_dir>/node}), with its dev wallets reachable over the
     * LNbits-style wallet API when {@code devWalletApi.enabled()}.
     */
    public record Embedded(DevWalletApi devWalletApi) implements Backend {
        public Embedded {
            Objects.requireNonNull(devWalletApi, "devWalletApi");
        }
    }

    /**
     * lnd over its REST API at {@code host:port}, trusting only the node's {@code tls.cert}, authenticated with the
     * macaroon file's bytes (an {@code invoice.macaroon}: {@code invoices:read invoices:write}).
     */
    public record Lnd(String host, int port, Path tlsCert, Path macaroon) implements Backend {
        public Lnd {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(tlsCert, "tlsCert");
            Objects.requireNonNull(macaroon, "macaroon");
        }
    }

    /**
     * Core Lightning over {@code clnrest} at {@code url} with a rune; {@code tlsCert} pins the node's certificate
     * (absent: the JDK's trusted authorities, for a node behind a publicly trusted certificate).
     */
    public record Cln(URI url, Optional<Path> tlsCert, SecretSource rune) implements Backend {
        public Cln {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(tlsCert, "tlsCert");
            Objects.requireNonNull(rune, "rune");
        }
    }

    /** An LNbits wallet at {@code url}, invoicing with the wallet's invoice key (it cannot spend). */
    public record Lnbits(URI url, SecretSource invoiceKey) implements Backend {
        public Lnbits {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(invoiceKey, "invoiceKey");
        }
    }

    /**
     * The dev wallets' HTTP API on the main listener, under {@code prefix} ({@code /devwallet}: then
     * {@code /devwallet/api/v1/payments}, …).
     */
    public record DevWalletApi(boolean enabled, String prefix) {
        public DevWalletApi {
            Objects.requireNonNull(prefix, "prefix");
        }
    }
}
