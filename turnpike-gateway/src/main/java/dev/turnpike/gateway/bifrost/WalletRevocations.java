package dev.turnpike.gateway.bifrost;

import dev.turnpike.bifrost.Reason;
import dev.turnpike.bifrost.RevocationRequest;
import dev.turnpike.bifrost.RevocationVerifier;
import dev.turnpike.bifrost.Verification;
import dev.turnpike.gateway.ledger.DelegationRevocationSet;
import dev.turnpike.gateway.ledger.RevocationEvents;
import dev.turnpike.l402.StoreException;
import dev.turnpike.store.api.DelegationRevocation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/revocations}: a wallet revokes a delegation token it issued with a request its key signed
 * ({@link RevocationRequest}), verified in the window and against the replay cache of the bridge's proofs of
 * possession. Accepted, it is recorded in the wallet's name and refused by the gateway from the next request on.
 */
final class WalletRevocations {

    private final SessionService service;
    private final RevocationVerifier verifier;
    private final DelegationRevocationSet revocations;

    WalletRevocations(SessionService service, DelegationRevocationSet revocations) {
        this.service = service;
        this.verifier = new RevocationVerifier(service.popVerifier());
        this.revocations = revocations;
    }

    /** Verifies and records {@code request} (a compact JWS); the answer's members. */
    Map<String, Object> revoke(String request) throws BifrostProblem, StoreException {
        Instant now = service.now();
        RevocationRequest accepted = switch (verifier.verify(request, now)) {
            case Verification.Verified<RevocationRequest>(RevocationRequest r) -> r;
            case Verification.Refused<RevocationRequest>(Reason reason, String detail) ->
                    throw BifrostProblem.revocationRefused(reason, detail);
        };
        revocations.revoke(new DelegationRevocation(accepted.tokenHash(), Optional.of(accepted.issuer()), now,
                accepted.expiration()));
        RevocationEvents.delegation(accepted.tokenHash(), "wallet");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "revoked");
        out.put("issuer", accepted.issuer().toBase58());
        out.put("token_hash", accepted.tokenHash().toBase64Url());
        out.put("revoked_at", now.getEpochSecond());
        accepted.expiration().ifPresent(e -> out.put("expiration", e.getEpochSecond()));
        return out;
    }
}
