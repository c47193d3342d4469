package dev.turnpike.gateway.config;

import dev.turnpike.lightning.bolt11.Network;
import java.util.Objects;

/**
 * The Lightning backend that issues invoices. Only the embedded development node exists today; lnd, Core
 * Lightning and LNbits come later (the loader names them and says they are not yet supported).
 */
public sealed interface LightningConfig permits LightningConfig.Embedded {

    /**
     * The embedded development node (state under {@code <data_dir>/node}), on {@code network}, with its dev wallets
     * reachable over the LNbits-style wallet API when {@code devWalletApi.enabled()}.
     */
    record Embedded(Network network, DevWalletApi devWalletApi) implements LightningConfig {
        public Embedded {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(devWalletApi, "devWalletApi");
        }
    }

    /**
     * The dev wallets' HTTP API on the main listener, under {@code prefix} ({@code /devwallet}: then
     * {@code /devwallet/api/v1/payments}, …).
     */
    record DevWalletApi(boolean enabled, String prefix) {
        public DevWalletApi {
            Objects.requireNonNull(prefix, "prefix");
        }
    }
}
