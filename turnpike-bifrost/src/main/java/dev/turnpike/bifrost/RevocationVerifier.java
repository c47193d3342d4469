package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.crypto.Ed25519PublicKey;
import dev.turnpike.bifrost.crypto.KeyFormatException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a {@link RevocationRequest} with the strict JWS reader, and the time window and replay cache of a {@link
 * PopVerifier} (a revocation request is a proof that the wallet holds the issuer key, made now and used once).
 *
 * <h2>Fixed verification order</h2>
 * <ol>
 *   <li>{@link Reason#MALFORMED} (not a compact JWS of at most 8 KiB, {@code typ} not {@code JWT}, {@code tkt} not
 *       {@code revoke}, a claim missing or of the wrong type, a {@code token} that is not a delegation token or
 *       whose hash is not {@code token_hash}), {@link Reason#UNSUPPORTED_ALGORITHM}, {@link
 *       Reason#INVALID_ISSUER_KEY}.</li>
 *   <li>{@link Reason#BAD_SIGNATURE}: not signed by {@code issuer}.</li>
 *   <li>{@link Reason#NOT_ISSUER}: the {@code token} it carries names another issuer.</li>
 *   <li>{@link Reason#PROOF_STALE}: {@code created} outside the proof window (by default 60 s back, 5 s ahead).</li>
 *   <li>{@link Reason#PROOF_REPLAYED} (issuer and {@code nonce} seen within the window), {@link
 *       Reason#PROOF_REPLAY_UNCHECKED}.</li>
 * </ol>
 * Thread-safe if the replay cache is; no I/O.
 */
public final class RevocationVerifier {
    private final ProofWindow window;

    /** Uses the window and replay cache of {@code proofs}. */
    public RevocationVerifier(PopVerifier proofs) {
        this.window = Objects.requireNonNull(proofs, "proofs").window();
    }

    /** Verifies {@code request} at {@code now}. Never throws for any content. */
    public Verification<RevocationRequest> verify(String request, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(now, "now");
        try {
            return new Verification.Verified<>(check(request, now));
        } catch (Refusal r) {
            return r.toResult();
        }
    }

    private RevocationRequest check(String request, Instant now) throws Refusal {
        Jws.Parsed jws = Jws.parse(request, DelegationToken.TYPE, true);
        JsonNode kind = jws.header().get(RevocationRequest.KIND);
        if (kind == null || !RevocationRequest.KIND_VALUE.equals(kind.textValue())) {
            throw malformed("the header's tkt must be \"revoke\"");
        }
        ObjectNode payload = jws.payload();
        Instant created = UnverifiedToken.time(payload, RevocationRequest.CREATED);
        String nonce = UnverifiedToken.text(payload, RevocationRequest.NONCE);
        if (!Texts.isPrintableAscii(nonce, RevocationRequest.MAX_NONCE_LENGTH)) {
            throw malformed("nonce is not 1.." + RevocationRequest.MAX_NONCE_LENGTH + " printable US-ASCII characters");
        }
        TokenHash hash = hash(UnverifiedToken.text(payload, RevocationRequest.TOKEN_HASH));
        Optional<Instant> expiration = payload.has(RevocationRequest.EXPIRATION)
                ? Optional.of(UnverifiedToken.time(payload, RevocationRequest.EXPIRATION)) : Optional.empty();
        Optional<UnverifiedToken> token = token(payload, hash);
        Ed25519PublicKey issuer = issuer(UnverifiedToken.text(payload, RevocationRequest.ISSUER));
        if (!jws.isSignedBy(issuer)) {
            throw new Refusal(Reason.BAD_SIGNATURE, "the request is not signed by its issuer " + issuer.fingerprint());
        }
        if (token.isPresent() && !token.get().issuer().equals(issuer)) {
            throw new Refusal(Reason.NOT_ISSUER, "the token was issued by " + token.get().issuer().fingerprint()
                    + ", not by " + issuer.fingerprint());
        }
        window.checkTime(RevocationRequest.CREATED, created, now);
        window.checkReplay(issuer.toBase58() + " " + nonce, RevocationRequest.NONCE, nonce, created);
        return new RevocationRequest(issuer, hash, token.map(UnverifiedToken::expiration).or(() -> expiration),
                created);
    }

    private static Optional<UnverifiedToken> token(ObjectNode payload, TokenHash hash) throws Refusal {
        if (!payload.has(RevocationRequest.TOKEN)) {
            return Optional.empty();
        }
        String compact = UnverifiedToken.text(payload, RevocationRequest.TOKEN);
        if (!TokenHash.of(compact).equals(hash)) {
            throw malformed("token_hash is not the hash of the token the request carries");
        }
        try {
            return Optional.of(UnverifiedToken.parse(compact, k -> null));
        } catch (Refusal r) {
            throw malformed("the token it carries: " + r.getMessage());
        }
    }

    private static Ed25519PublicKey issuer(String base58) throws Refusal {
        try {
            return Ed25519PublicKey.fromBase58(base58);
        } catch (KeyFormatException e) {
            throw new Refusal(Reason.INVALID_ISSUER_KEY, "issuer: " + e.getMessage());
        }
    }

    private static TokenHash hash(String text) throws Refusal {
        try {
            return TokenHash.fromBase64Url(text);
        } catch (IllegalArgumentException e) {
            throw malformed("token_hash is not the base64url SHA-256 of a token (43 characters)");
        }
    }

    private static Refusal malformed(String detail) {
        return new Refusal(Reason.MALFORMED, detail);
    }
}
