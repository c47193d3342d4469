package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a {@link PopProof}.
 *
 * <h2>Fixed verification order</h2>
 * <ol>
 *   <li>{@link Reason#PROOF_MALFORMED}: not a compact JWS of at most 8 KiB, {@code alg} not {@code Ed25519} or
 *       {@code EdDSA}, {@code typ} not {@code bifrost-pop+jwt}, {@code crit} present, a claim missing or of the
 *       wrong type ({@code htm}, {@code htu}, {@code jti} and {@code session} strings, {@code iat} whole
 *       seconds).</li>
 *   <li>{@link Reason#PROOF_BAD_SIGNATURE}: not signed by the expected key.</li>
 *   <li>{@link Reason#PROOF_WRONG_METHOD}, {@link Reason#PROOF_WRONG_URL} (compared normalized, without query and
 *       fragment), {@link Reason#PROOF_WRONG_SESSION}.</li>
 *   <li>{@link Reason#PROOF_STALE}: {@code iat} more than the skew away from now.</li>
 * </ol>
 * Replays are not detected here (see {@link PopProof}). Immutable and thread-safe.
 */
public final class PopVerifier {
    /** Default distance of {@code iat} from now: 60 seconds either way. */
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);

    private final Duration skew;

    /** @throws IllegalArgumentException if {@code skew} is not within 0..{@link TimePolicy#MAX_CLOCK_SKEW} */
    public PopVerifier(Duration skew) {
        Objects.requireNonNull(skew, "skew");
        if (skew.isNegative() || skew.compareTo(TimePolicy.MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("skew must be within 0.." + TimePolicy.MAX_CLOCK_SKEW + ": " + skew);
        }
        this.skew = skew;
    }

    /** A verifier with {@link #DEFAULT_SKEW}. */
    public static PopVerifier withDefaults() {
        return new PopVerifier(DEFAULT_SKEW);
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
            jws = Jws.parse(proof, PopProof.TYPE, true);
        } catch (Refusal r) {
            throw r.as(Reason.PROOF_MALFORMED);
        }
        PopProof claims = claims(jws.payload());
        if (!jws.isSignedBy(expected.key())) {
            throw new Refusal(Reason.PROOF_BAD_SIGNATURE, "the proof is not signed by the expected key "
                    + expected.key().fingerprint());
        }
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
        Duration offset = Duration.between(now, claims.issuedAt()).abs();
        if (offset.compareTo(skew) > 0) {
            throw new Refusal(Reason.PROOF_STALE, "iat " + claims.issuedAt() + " is " + offset + " away from now, more"
                    + " than the proof skew of " + skew);
        }
        return claims;
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
