package dev.turnpike.cli;

import dev.turnpike.client.L402Client;
import dev.turnpike.client.L402Event;
import dev.turnpike.client.pay.ResumablePayer;
import dev.turnpike.client.token.FileTokenStore;
import dev.turnpike.io.SecretFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code turnpike fetch URL}: an lnget/curl-like client that pays L402 challenges from a wallet, under a budget, and
 * keeps the tokens per origin.
 */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Fetches a URL like curl and prints the response body (bytes as they are). On 402 Payment Required with an"
                    + " L402 challenge it checks the invoice (payment hash, amount within --max-cost, expiry), pays it"
                    + " from the wallet, stores the token and retries; later requests to the same origin reuse the token"
                    + " without paying. A payment interrupted by a crash is resumed from the wallet's record, never paid"
                    + " twice.",
            "The wallet is an lnd node (REST, with its tls.cert and a macaroon that may pay), a Core Lightning node"
                    + " (clnrest, with its CA certificate and a rune), or an LNbits wallet API: a real LNbits, or the dev"
                    + " wallets of the embedded node: the wallet-api: and wallet-key: lines that `turnpike demo`, `serve`"
                    + " and `turnpike devwallet create` print. Give it with --wallet"
                    + " and its options, or in a wallet file (--wallet-config; see docs/lightning.md). Give an LNbits"
                    + " admin key with --wallet-key-file or $TURNPIKE_WALLET_KEY rather than --wallet-key, which other"
                    + " users can see in the process list.",
            "",
            "Exit codes: 0 the final response was 1xx-3xx (redirects are not followed); 22 it was 400 or higher"
                    + " (the body is still printed; like curl --fail-with-body); 1 the request failed or the client"
                    + " refused to pay (the reason is printed); 2 bad usage."
        },
        exitCodeListHeading = "%n",
        footer = {
            "",
            "Example:",
            "  turnpike fetch http://127.0.0.1:8402/quotes/today --wallet lnbits:http://127.0.0.1:8402/devwallet"
                    + " --wallet-key-file ~/.turnpike/wallet.key --max-cost 10 -v",
            "  turnpike fetch https://api.example.com/quote --wallet lnd:127.0.0.1:8080"
                    + " --lnd-macaroon ~/.lnd/data/chain/bitcoin/mainnet/admin.macaroon",
            "  turnpike fetch https://api.example.com/quote --wallet-config ~/.turnpike/wallet.yaml"
        })
final class FetchCommand extends PrintingCommand {

    @Option(names = "--max-cost", paramLabel = "SATS", defaultValue = "1000",
            description = "The most one token may cost, checked on the decoded invoice (default: ${DEFAULT-VALUE}).")
    long maxCostSats;

    @Option(names = "--max-fee", paramLabel = "SATS", defaultValue = "10",
            description = "The most routing fee one payment may cost (default: ${DEFAULT-VALUE}); lnd and Core Lightning"
                    + " route within it. LNbits takes no fee limit: a higher fee it charged is reported.")
    long maxFeeSats;

    @Option(names = "--wallet", paramLabel = "KIND:ADDRESS", defaultValue = "${env:TURNPIKE_WALLET}",
            description = "The wallet that pays: lnd:<REST host:port>, cln:<clnrest URL>, or lnbits:<base URL of the"
                    + " LNbits wallet API> (default: $TURNPIKE_WALLET). Without one (and no --wallet-config), a 402 is"
                    + " printed and not paid.")
    String wallet;

    @Option(names = "--wallet-config", paramLabel = "FILE", defaultValue = "${env:TURNPIKE_WALLET_CONFIG}",
            description = "A wallet file (YAML, e.g. ~/.turnpike/wallet.yaml) instead of --wallet"
                    + " (default: $TURNPIKE_WALLET_CONFIG).")
    Path walletConfig;

    @Option(names = "--lnd-tls-cert", paramLabel = "FILE",
            description = "lnd's TLS certificate, the only one trusted (default: ~/.lnd/tls.cert).")
    Path lndTlsCert;

    @Option(names = "--lnd-macaroon", paramLabel = "FILE", description = "A macaroon that may pay (admin.macaroon, or"
            + " one with offchain:read offchain:write; default: admin.macaroon in ~/.lnd/data/chain/bitcoin/mainnet).")
    Path lndMacaroon;

    @Option(names = "--cln-ca-cert", paramLabel = "FILE", description = "clnrest's CA certificate (ca.pem).")
    Path clnCaCert;

    @Option(names = "--cln-rune-file", paramLabel = "FILE",
            description = "A file holding a rune that allows pay and listpays.")
    Path clnRuneFile;

    @ArgGroup(exclusive = true)
    WalletKey walletKey = new WalletKey();

    static final class WalletKey {
        @Option(names = "--wallet-key", paramLabel = "KEY",
                description = "The wallet's admin key (default: $TURNPIKE_WALLET_KEY).")
        String key;

        @Option(names = "--wallet-key-file", paramLabel = "FILE", description = "A file holding the wallet's admin key.")
        Path file;
    }

    @Mixin
    HttpOptions http = new HttpOptions();

    @Option(names = "--token-dir", paramLabel = "DIR",
            description = "Where tokens are kept, one owner-only file per origin"
                    + " (default: $TURNPIKE_HOME/tokens, else ~/.turnpike/tokens).")
    Path tokenDir;

    @Override
    public Integer call() throws Exception {
        Path tokens = tokenDir != null ? tokenDir : FileTokenStore.defaultDirectory();
        PrintWriter err = spec.commandLine().getErr();
        boolean[] unpaid = {false};
        L402Client.Builder builder = L402Client.builder()
                .maxCostSats(maxCostSats)
                .maxFeeSats(maxFeeSats)
                .tokenDirectory(tokens)
                .listener(event -> {
                    unpaid[0] |= event instanceof L402Event.NoPayer;
                    http.step(err, describe(event, tokens));
                });
        ResumablePayer payer = payer();
        if (payer != null) {
            builder.payer(payer);
        }
        HttpRequest request = http.request(err);
        if (payer != null) {
            http.step(err, "wallet: " + payer.describe() + "; max cost " + maxCostSats + " sat, max fee " + maxFeeSats
                    + " sat");
        }
        int exit;
        try (L402Client client = builder.build()) {
            exit = http.finish(client.send(request, HttpResponse.BodyHandlers.ofInputStream()), out(), err);
        }
        if (unpaid[0]) {
            err.println("turnpike fetch: payment required; give a wallet (--wallet lnd:|cln:|lnbits:…, or"
                    + " --wallet-config FILE) to pay it");
        }
        err.flush();
        return exit;
    }

    private ResumablePayer payer() throws IOException {
        boolean given = wallet != null && !wallet.isBlank();
        if (given && walletConfig != null) {
            throw new IllegalArgumentException("give the wallet with --wallet or with --wallet-config, not both");
        }
        if (walletConfig != null) {
            return WalletFile.load(walletConfig).payer();
        }
        return given ? walletFromOptions().payer() : null;
    }

    private Wallet walletFromOptions() throws IOException {
        int colon = wallet.indexOf(':');
        Wallet.Kind kind;
        try {
            kind = Wallet.Kind.parse(colon < 0 ? wallet : wallet.substring(0, colon));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown wallet '" + wallet + "'; use lnd:<host:port>, cln:<URL> or"
                    + " lnbits:<URL>");
        }
        String address = colon < 0 ? "" : wallet.substring(colon + 1);
        return switch (kind) {
            case LND -> new Wallet.Lnd(address, lndTlsCert, lndMacaroon);
            case CLN -> new Wallet.Cln(Wallet.url(address), clnCaCert, clnRuneFile);
            case LNBITS -> new Wallet.Lnbits(Wallet.url(address), walletKey());
        };
    }

    private String walletKey() throws IOException {
        if (walletKey.file != null) {
            return SecretFiles.read(walletKey.file, "a wallet key");
        }
        if (walletKey.key != null && !walletKey.key.isBlank()) {
            return walletKey.key.strip();
        }
        String env = System.getenv("TURNPIKE_WALLET_KEY");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        throw new IllegalArgumentException("--wallet needs the wallet's admin key: --wallet-key-file FILE, --wallet-key KEY"
                + " or $TURNPIKE_WALLET_KEY");
    }

    /** One line per step for -v; public facts only. */
    static String describe(L402Event event, Path tokens) {
        return switch (event) {
            case L402Event.TokenAttached e -> "using the stored token for " + e.origin();
            case L402Event.ChallengeReceived e -> "402 Payment Required: L402 challenge from " + e.origin();
            case L402Event.InvoiceDecoded e -> "invoice decoded: " + sats(e.amountMsat()) + ", payment hash "
                    + e.paymentHash() + ", expires " + e.expiresAt() + " (" + e.network().toLowerCase(Locale.ROOT) + ")";
            case L402Event.TokenReused e -> "another request paid for " + e.origin() + " meanwhile: using its token";
            case L402Event.TokenEvicted e -> "the server refused the stored token ("
                    + (e.reason().isEmpty() ? "" : e.reason() + "; ") + "payment hash " + e.paymentHash()
                    + "): forgetting it, buying a new one";
            case L402Event.PendingTokenFound e -> "found an interrupted payment (payment hash " + e.paymentHash()
                    + "): asking the wallet how it ended";
            case L402Event.PaymentRecovered e -> "the interrupted payment had succeeded (fee " + e.feeMsat()
                    + " msat): token recovered, nothing paid again";
            case L402Event.PendingTokenDropped e -> "the interrupted payment " + e.paymentHash() + " was not made ("
                    + e.why() + "): dropping it";
            case L402Event.Paying e -> "paying " + sats(e.amountMsat()) + " (payment hash " + e.paymentHash() + ") via "
                    + e.payer();
            case L402Event.Paid e -> "paid " + sats(e.amountMsat()) + ", fee " + e.feeMsat() + " msat";
            case L402Event.FeeAboveLimit e -> "warning: the wallet charged a fee of " + e.feeMsat()
                    + " msat, above --max-fee (" + e.maxFeeMsat() + " msat)";
            case L402Event.TokenStored e -> "token stored in " + tokens
                    + (e.tokenId().isEmpty() ? "" : " (token id " + e.tokenId() + ")");
            case L402Event.Retried e -> "retried with the token: HTTP " + e.statusCode();
            case L402Event.NoPayer e -> "no wallet given: not paying";
        };
    }

    private static String sats(long msat) {
        return msat % 1000 == 0 ? msat / 1000 + " sat" : msat + " msat";
    }
}
