package dev.turnpike.cli;

import dev.turnpike.io.SecretFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The client's wallet file ({@code --wallet-config}, e.g. {@code ~/.turnpike/wallet.yaml}): one {@code wallet:} map
 * whose {@code type} says which keys follow. Paths may start with {@code ~/}. Secrets stay in their own files (a
 * macaroon, a rune file, an LNbits key file): the wallet file only names them.
 *
 * <pre>
 * wallet:
 *   type: lnd                     # lnd | cln | lnbits
 *   address: 127.0.0.1:8080       # lnd: REST host:port
 *   tls_cert: ~/.lnd/tls.cert
 *   macaroon: ~/.lnd/data/chain/bitcoin/mainnet/admin.macaroon
 *   # cln:    url, ca_cert, rune_file
 *   # lnbits: url, admin_key_file
 * </pre>
 */
final class WalletFile {

    private static final int MAX_BYTES = 64 * 1024;
    private static final Map<Wallet.Kind, Set<String>> KEYS = Map.of(
            Wallet.Kind.LND, Set.of("type", "address", "tls_cert", "macaroon"),
            Wallet.Kind.CLN, Set.of("type", "url", "ca_cert", "rune_file"),
            Wallet.Kind.LNBITS, Set.of("type", "url", "admin_key_file"));

    private WalletFile() {}

    /**
     * @throws IllegalArgumentException naming the file and key of whatever is wrong
     */
    static Wallet load(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(file + " is larger than " + MAX_BYTES + " bytes");
        }
        Object root;
        try {
            root = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).setMaxAliasesForCollections(0)
                    .setAllowRecursiveKeys(false).build()).loadFromString(new String(bytes, StandardCharsets.UTF_8));
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        Map<?, ?> top = map(root, file, "the file");
        for (Object key : top.keySet()) {
            if (!"wallet".equals(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' (expected wallet:)");
            }
        }
        Map<?, ?> wallet = map(top.get("wallet"), file, "wallet");
        Wallet.Kind kind = Wallet.Kind.parse(text(wallet, "type", file));
        for (Object key : wallet.keySet()) {
            if (!KEYS.get(kind).contains(String.valueOf(key))) {
                throw new IllegalArgumentException(file + ": wallet." + key + " is not a key of a "
                        + kind.name().toLowerCase() + " wallet; it takes " + KEYS.get(kind));
            }
        }
        return switch (kind) {
            case LND -> new Wallet.Lnd(text(wallet, "address", file), optionalPath(wallet, "tls_cert", file),
                    optionalPath(wallet, "macaroon", file));
            case CLN -> new Wallet.Cln(Wallet.url(text(wallet, "url", file)), Wallet.path(text(wallet, "ca_cert", file)),
                    Wallet.path(text(wallet, "rune_file", file)));
            case LNBITS -> new Wallet.Lnbits(Wallet.url(text(wallet, "url", file)),
                    SecretFiles.read(Wallet.path(text(wallet, "admin_key_file", file)), "a wallet key"));
        };
    }

    private static Map<?, ?> map(Object node, Path file, String what) {
        if (!(node instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(file + ": " + what + " must be a map");
        }
        return m;
    }

    private static String text(Map<?, ?> wallet, String key, Path file) {
        Object value = wallet.get(key);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(file + ": wallet." + key + " is missing (a text value)");
        }
        return s;
    }

    private static Path optionalPath(Map<?, ?> wallet, String key, Path file) {
        return wallet.containsKey(key) ? Wallet.path(text(wallet, key, file)) : null;
    }
}
