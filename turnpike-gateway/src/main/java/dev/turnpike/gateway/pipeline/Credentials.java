package dev.turnpike.gateway.pipeline;

import dev.turnpike.l402.Credential;
import dev.turnpike.l402.TokenId;
import dev.turnpike.l402.header.L402Headers;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/** What the upstream sees of a token: one normalised Authorization header and the token id. */
final class Credentials {

    static final AsciiString TOKEN_ID = AsciiString.cached("x-turnpike-token-id");

    private Credentials() {}

    static void normalise(HttpHeaders headers, Credential credential, TokenId tokenId) {
        headers.remove(L402Headers.MACAROON)
                .remove(L402Headers.GRPC_METADATA_MACAROON)
                .remove(L402Headers.TOKEN)
                .remove(L402Headers.GRPC_METADATA_TOKEN)
                .set(HttpHeaderNames.AUTHORIZATION, L402Headers.authorizationValue(credential))
                .set(TOKEN_ID, tokenId.toHex());
    }
}
