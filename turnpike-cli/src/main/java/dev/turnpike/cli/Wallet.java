package dev.turnpike.cli;

import dev.turnpike.client.pay.ClnPayer;
import dev.turnpike.client.pay.LnbitsPayer;
import dev.turnpike.client.pay.LndPayer;
import dev.turnpike.client.pay.ResumablePayer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The wallet {@code turnpike fetch} pays from, as given by {@code --wallet KIND:ADDRESS} and its options or by a
 * wallet file ({@link WalletFile}). Holds file paths, never a secret: keys, macaroons and runes are read when the
 * payer is made.
 */
sealed interface Wallet {

    /** lnd's defaults where {@code lncli} finds them, for mainnet. */
    Path LND_DIR = Path.of(System.getProperty("user.home"), ".lnd");

    ResumablePayer payer() throws IOException;

    /** lnd over REST: {@code host:port}, its {@code tls.cert}, a macaroon that may pay. */
    record Lnd(String address, Path tlsCert, Path macaroon) implements Wallet {
        public Lnd {
            Objects.requireNonNull(address, "address");
            tlsCert = tlsCert != null ? tlsCert : LND_DIR.resolve("tls.cert");
            macaroon = macaroon != null ? macaroon
                    : LND_DIR.resolve(Path.of("data", "chain", "bitcoin", "mainnet", "admin.macaroon"));
        }

        @Override
        public ResumablePayer payer() throws IOException {
            return LndPayer.builder(address, tlsCert, macaroon).build();
        }
    }

    /** Core Lightning through clnrest: its URL, its CA certificate, a rune file. */
    record Cln(URI url, Path caCert, Path runeFile) implements Wallet {
        public Cln {
            Objects.requireNonNull(url, "url");
            if (caCert == null || runeFile == null) {
                throw new IllegalArgumentException("a Core Lightning wallet needs clnrest's CA certificate"
                        + " (--cln-ca-cert, ca_cert:) and a rune file (--cln-rune-file, rune_file:)");
            }
        }

        @Override
        public ResumablePayer payer() throws IOException {
            return ClnPayer.builder(url, caCert, runeFile).build();
        }
    }

    /** An LNbits wallet (or the gateway's dev wallet API) with its admin key. */
    record Lnbits(URI url, String adminKey) implements Wallet {
        public Lnbits {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(adminKey, "adminKey");
        }

        @Override
        public ResumablePayer payer() {
            return LnbitsPayer.builder(url, adminKey).build();
        }

        @Override
        public String toString() {
            return "Lnbits[" + url + ", key redacted]";
        }
    }

    /** The kinds {@code --wallet} and {@code type:} accept. */
    enum Kind {
        LND, CLN, LNBITS;

        static Kind parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown wallet kind '" + text + "'; use lnd, cln or lnbits");
            }
        }
    }

    /** An absolute http(s) URL. */
    static URI url(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("the URL must be an absolute http or https URL: " + text);
        }
        return uri;
    }

    /** {@code ~/x} as the user's home; other paths as they are. */
    static Path path(String text) {
        String t = text.strip();
        if (t.equals("~") || t.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), t.substring(1).replaceFirst("^/", ""));
        }
        return Path.of(t);
    }
}
