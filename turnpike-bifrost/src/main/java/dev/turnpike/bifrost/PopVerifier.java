package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a {@link PopProof} of either kind (see {@link PopExpectation}), for the bridge and for the API alike.
 *
 * <h2>Fixed verification order</h2>
 * <ol>
 *   <li>{@link Reason#PROOF_MALFORMED}: not a compact JWS of at most 8 KiB, {@code alg} not {@code Ed25519} or
 *       {@code EdDSA}, {@code typ} not the expected one ({@code bifrost-pop+jwt}, or {@code dpop+jwt}), {@code crit}
 *       present, a claim missing or of the wrong type ({@code htm}, {@code htu}, {@code jti}, {@code session} and
 *       {@code ath} strings, {@code iat} whole seconds); for DPoP a header {@code jwk} that is not an OKP Ed25519
 *       public key (or holds a private part).</li>
 *   <li>{@link Reason#PROOF_WRONG_KEY}: for DPoP, the {@code jwk} is not the expected (delegated) key.</li>
 *   <li>{@link Reason#PROOF_BAD_SIGNATURE}: not signed by the expected key.</li>
 *   <li>{@link Reason#PROOF_WRONG_METHOD}, {@link Reason#PROOF_WRONG_URL} (compared normalized, without query and
 *       fragment), {@link Reason#PROOF_WRONG_SESSION}, {@link Reason#PROOF_WRONG_TOKEN} ({@code ath}).</li>
 *   <li>{@link Reason#PROOF_STALE}: {@code iat} more than {@code maxAge} before now or more than {@code maxAhead}
 *       after it.</li>
 *   <li>{@link Reason#PROOF_REPLAYED}: the same key and {@code jti} were accepted before, within the window; {@link
 *       Reason#PROOF_REPLAY_UNCHECKED} if the {@link ReplayCache} is full. Last, so only proofs that pass every other
 *       check are remembered.</li>
 * </ol>
 * Thread-safe if its replay cache is.
 */
public final class PopVerifier {
    /** Default age of {@code iat} accepted: 60 seconds before now. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);
    /** Default {@code iat} in the future accepted: 5 seconds (a little clock difference, no more). */
    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofSeconds(5);

    private final ProofWindow window;

    /**
     * @throws IllegalArgumentException if {@code maxAge} or {@code maxAhead} is not within 0..{@link
     *                                  TimePolicy#MAX_CLOCK_SKEW}
     */
    public PopVerifier(Duration maxAge, Duration maxAhead, ReplayCache replays) {
        this.window = new ProofWindow(maxAge, maxAhead, replays);
    }

    /** A verifier with {@link #DEFAULT_MAX_AGE} and {@link #DEFAULT_MAX_AHEAD}. */
    public static PopVerifier withDefaults(ReplayCache replays) {
        return new PopVerifier(DEFAULT_MAX_AGE, DEFAULT_MAX_AHEAD, replays);
    }

    /** Its time window and replay cache, which revocation requests share. */
    ProofWindow window() {
        return window;
    }

    /** Verifies {@code proof} against {@code expected} at {@code now}. Never throws for any proof content. */
    public Verification<PopProof> verify(String proof, PopExpectation expected, Instant now) {
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(now, "now");
        try {
            return new Verification.Verified<>(check(proof, expected, now));
        } catch (Refusal r) {
            return r.toResult();
        }
    }

    PopProof check(String proof, PopExpectation expected, Instant now) throws Refusal {
        Jws.Parsed jws;
        try {
            jws = Jws.parse(proof, expected.isDpop() ? PopProof.DPOP_TYPE : PopProof.TYPE, true);
        } catch (Refusal r) {
            throw r.as(Reason.PROOF_MALFORMED);
        }
        PopProof claims = claims(jws.payload());
        String ath = shortText(jws.payload(), PopProof.ACCESS_TOKEN_HASH, !expected.isDpop());
        if (expected.isDpop()) {
            ProofKey.check(jws.header(), expected.key());
        }
        if (!jws.isSignedBy(expected.key())) {
            throw new Refusal(Reason.PROOF_BAD_SIGNATURE, "the proof is not signed by the expected key "
                    + expected.key().fingerprint());
        }
        checkRequest(claims, expected);
        if (!Optional.ofNullable(ath).equals(expected.accessTokenHash())) {
            throw new Refusal(Reason.PROOF_WRONG_TOKEN, "the proof's ath is not the hash of the token it came with");
        }
        window.checkTime(PopProof.ISSUED_AT, claims.issuedAt(), now);
        window.checkReplay(expected.key().toBase58() + " " + claims.jti(), PopProof.ID, claims.jti(),
                claims.issuedAt());
        return claims;
    }

    private static void checkRequest(PopProof claims, PopExpectation expected) throws Refusal {
        if (!claims.method().equals(expected.method())) {
            throw new Refusal(Reason.PROOF_WRONG_METHOD, "the proof is for " + Texts.quote(claims.method())
                    + ", the request is " + Texts.quote(expected.method()));
        }
        if (!RequestUrl.normalize(expected.url()).equals(Optional.of(claims.url()))) {
            throw new Refusal(Reason.PROOF_WRONG_URL, "the proof is for " + Texts.quote(claims.url())
                    + ", not for this request's URL");
        }
        if (!claims.session().equals(expected.session())) {
            throw new Refusal(Reason.PROOF_WRONG_SESSION, claims.session().isEmpty()
                    ? "the proof is bound to no session" : "the proof is bound to another session or to none expected");
        }
    }

    private static PopProof claims(ObjectNode payload) throws Refusal {
        String method = shortText(payload, PopProof.METHOD, false);
        String url = RequestUrl.normalize(text(payload, PopProof.URL, RequestUrl.MAX_LENGTH, false))
                .orElseThrow(() -> malformed("htu is not an absolute http(s) URL"));
        JsonNode iat = payload.get(PopProof.ISSUED_AT);
        if (iat == null || !iat.isIntegralNumber() || !iat.canConvertToLong() || iat.longValue() < 0
                || iat.longValue() > Timestamps.LATEST.getEpochSecond()) {
            throw malformed("the payload has no iat in whole seconds between 1970 and 9999");
        }
        String id = shortText(payload, PopProof.ID, false);
        String session = shortText(payload, PopProof.SESSION, true);
        return new PopProof(method, url, Instant.ofEpochSecond(iat.longValue()), id, session);
    }

    private static String shortText(ObjectNode payload, String claim, boolean optional) throws Refusal {
        String value = text(payload, claim, PopProof.MAX_CLAIM_LENGTH, optional);
        if (value != null && !Texts.isPrintableAscii(value, PopProof.MAX_CLAIM_LENGTH)) {
            throw malformed(claim + " is not 1.." + PopProof.MAX_CLAIM_LENGTH + " printable US-ASCII characters");
        }
        return value;
    }

    private static String text(ObjectNode payload, String claim, int maxLength, boolean optional) throws Refusal {
        JsonNode node = payload.get(claim);
        if (node == null && optional) {
            return null;
        }
        if (node == null || !node.isTextual() || node.textValue().length() > maxLength) {
            throw malformed("the payload has no " + claim + " string of at most " + maxLength + " characters");
        }
        return node.textValue();
    }

    private static Refusal malformed(String detail) {
        return new Refusal(Reason.PROOF_MALFORMED, detail);
    }
}
