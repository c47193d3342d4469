package dev.turnpike.gateway.pipeline;

import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.Permissions;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What the upstream learns of a delegated token: {@code X-Turnpike-Wallet} (the issuer's base58 key),
 * {@code X-Turnpike-App} (the delegated key) and {@code X-Turnpike-Scopes} (the granted scopes, space-separated,
 * each with characters outside printable ASCII, space and {@code %} percent-encoded as UTF-8). A client's own copies
 * are removed from every request before anything else, so only the gateway sets them.
 */
final class DelegatedIdentity {

    static final AsciiString WALLET = AsciiString.cached("x-turnpike-wallet");
    static final AsciiString APP = AsciiString.cached("x-turnpike-app");
    static final AsciiString SCOPES = AsciiString.cached("x-turnpike-scopes");

    final String wallet;
    final String app;
    final String scopes;

    DelegatedIdentity(DelegationToken token) {
        this.wallet = token.issuer().toBase58();
        this.app = token.delegatedKey().toBase58();
        this.scopes = scopesOf(token);
    }

    static void strip(HttpHeaders headers) {
        headers.remove(WALLET).remove(APP).remove(SCOPES);
    }

    void set(HttpHeaders headers) {
        headers.set(WALLET, wallet).set(APP, app).set(SCOPES, scopes);
    }

    private static String scopesOf(DelegationToken token) {
        Set<String> scopes = token.attributes().permissions().flatMap(Permissions::scopes).orElse(Set.of());
        StringBuilder out = new StringBuilder();
        for (String scope : scopes) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            for (byte b : scope.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (c > 0x20 && c < 0x7f && c != '%') {
                    out.append((char) c);
                } else {
                    out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
                }
            }
        }
        return out.toString();
    }
}
