package dev.turnpike.store.api;

import dev.turnpike.l402.PaymentHash;
import dev.turnpike.l402.TokenId;
import java.time.Instant;
import java.util.Objects;

/**
 * A token the gateway minted and the invoice that pays for it. Holds no secret: the root key
 * lives in the root-key store, the preimage only with the node and the client.
 *
 * @param expiresAt the token's {@code valid_until}, or null for a token without expiry
 */
public record IssuedToken(
        TokenId tokenId,
        PaymentHash paymentHash,
        String service,
        long priceMsat,
        String invoice,
        Instant issuedAt,
        Instant expiresAt) {

    public IssuedToken {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(paymentHash, "paymentHash");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (priceMsat < 0) {
            throw new IllegalArgumentException("price must not be negative: " + priceMsat);
        }
    }
}
