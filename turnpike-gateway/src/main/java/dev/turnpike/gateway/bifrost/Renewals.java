package dev.turnpike.gateway.bifrost;

import dev.turnpike.bifrost.DelegationToken;
import dev.turnpike.bifrost.PopExpectation;
import dev.turnpike.bifrost.PopProof;
import dev.turnpike.bifrost.Reason;
import dev.turnpike.bifrost.RenewalIssuer;
import dev.turnpike.bifrost.TimePolicy;
import dev.turnpike.bifrost.TokenHash;
import dev.turnpike.bifrost.Verification;
import dev.turnpike.gateway.hosting.ApiRequest;
import dev.turnpike.gateway.hosting.ApiResponse;
import dev.turnpike.gateway.ledger.DelegationRevocationSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST {bridge}/api/renew}: an application holding a delegation token gets a renew certificate for it. It
 * sends {@code Authorization: DPoP <token>} and a DPoP proof of the token's delegated key for this URL and method
 * (with {@code ath}); the bridge checks the token ({@link RenewalIssuer#check}: signature by its issuer, lifetime,
 * within the renewal horizon, expired or not), the proof, that the token is not revoked, and answers
 * {@code {cert, expires_at}}.
 */
final class Renewals {

    static final String PATH = "/api/renew";

    private final SessionService service;
    private final RenewalIssuer issuer;
    private final DelegationRevocationSet revocations;
    private final BridgeUrls urls;

    Renewals(SessionService service, BridgeKey key, DelegationRevocationSet revocations, BridgeUrls urls) {
        this.service = service;
        this.issuer = new RenewalIssuer(key.keyPair(), new TimePolicy(service.config().clockSkew(),
                service.config().maxTokenLifetime()), service.config().renewal().certificateLifetime(),
                service.config().renewal().maxHorizon());
        this.revocations = revocations;
        this.urls = urls;
    }

    ApiResponse renew(ApiRequest r) throws BifrostProblem {
        String token = dpopToken(r.header("Authorization"));
        Optional<String> proof = r.header("DPoP").map(String::strip).filter(p -> !p.isEmpty());
        if (token == null || proof.isEmpty()) {
            throw BifrostProblem.renewalCredentialRequired();
        }
        Instant now = service.now();
        DelegationToken checked = switch (issuer.check(token, now)) {
            case Verification.Verified<DelegationToken>(DelegationToken t) -> t;
            case Verification.Refused<DelegationToken>(Reason reason, String detail) ->
                    throw BifrostProblem.renewalRefused(reason, detail);
        };
        PopExpectation expected = PopExpectation.forToken(checked, r.method(), urls.base(r) + PATH);
        if (service.popVerifier().verify(proof.get(), expected, now)
                instanceof Verification.Refused<PopProof>(Reason reason, String detail)) {
            throw BifrostProblem.proofRefused(reason, detail);
        }
        if (revocations.isRevoked(TokenHash.of(checked.compact()), checked.issuer())) {
            throw BifrostProblem.renewalRefused(Reason.REVOKED, "the wallet or the operator revoked this token");
        }
        RenewalIssuer.Issued issued = issuer.certify(checked, now);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cert", issued.certificate());
        out.put("expires_at", issued.expiration().getEpochSecond());
        return ApiResponse.json(200, out).withHeader("Cache-Control", "no-store");
    }

    /** The token of {@code Authorization: DPoP <token>} (scheme case-insensitive), or null. */
    private static String dpopToken(Optional<String> authorization) {
        String a = authorization.map(String::strip).orElse("");
        return a.length() > 5 && a.regionMatches(true, 0, "DPoP ", 0, 5) ? a.substring(5).strip() : null;
    }
}
