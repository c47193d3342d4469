package dev.turnpike.gateway.pipeline;

import dev.turnpike.l402.Credential;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.header.L402Headers;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;

/** What the upstream sees of a token: one normalised Authorization header and the token id. */
final class Credentials {

    static final AsciiString TOKEN_ID = AsciiString.cached("x-turnpike-token-id");

    private Credentials() {}

    static void normalise(HttpHeaders headers, Credential credential, TokenId tokenId) {
        String value = L402Headers.authorizationValue(credential);
        List<String> sent = headers.getAll(HttpHeaderNames.AUTHORIZATION);
        normalise(headers, sent.size() == 1 && sent.get(0).equals(value) ? null : value, tokenId.toHex());
    }

    /**
     * {@code authorization} null: the request carries exactly one Authorization value and it is the
     * normalised one already, so it is left as it is (rewriting it costs ~1 µs a request).
     */
    static void normalise(HttpHeaders headers, String authorization, String tokenIdHex) {
        headers.remove(L402Headers.MACAROON)
                .remove(L402Headers.GRPC_METADATA_MACAROON)
                .remove(L402Headers.TOKEN)
                .remove(L402Headers.GRPC_METADATA_TOKEN);
        if (authorization != null) {
            headers.set(HttpHeaderNames.AUTHORIZATION, authorization);
        }
        headers.set(TOKEN_ID, tokenIdHex);
    }
}
