package dev.turnpike.bifrost;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.bifrost.crypto.Ed25519KeyPair;
import dev.turnpike.bifrost.encoding.Base64Url;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A proof of possession of the delegated key, after DPoP (RFC 9449): a compact JWS signed by the application's
 * (delegated) key, header {@code {"alg":"Ed25519","typ":"bifrost-pop+jwt"}}, payload
 * {@code {"htm":"GET", "htu":"https://bridge.example/api/auth/…", "iat":1745830241, "jti":"…", "session":"…"}}
 * ({@code session} only where a session is concerned). It binds one request (method and URL, query and fragment
 * left out) at one time to the key; the key itself is never in the proof, the verifier knows which to expect.
 *
 * <p>The bridge takes one instead of the poll token when the application reads its approved token; an API may
 * require one beside the delegation token ({@link AccessVerifier}). An instance is the content of a proof that
 * {@link PopVerifier} accepted. <b>Replay</b> within the skew window is not detected here: a caller that must
 * refuse replays keeps the {@link #jti()} of accepted proofs until {@code issuedAt + skew} and refuses repeats.
 */
public final class PopProof {
    /** The {@code typ} of a proof. */
    public static final String TYPE = "bifrost-pop+jwt";
    static final String METHOD = "htm";
    static final String URL = "htu";
    static final String ISSUED_AT = "iat";
    static final String ID = "jti";
    static final String SESSION = "session";
    static final int MAX_CLAIM_LENGTH = 128;
    private static final int ID_BYTES = 16;

    private final String method;
    private final String url;
    private final Instant issuedAt;
    private final String id;
    private final String session;

    PopProof(String method, String url, Instant issuedAt, String id, String session) {
        this.method = method;
        this.url = url;
        this.issuedAt = issuedAt;
        this.id = id;
        this.session = session;
    }

    /**
     * A proof for one request, signed by {@code key} (the application's delegated key pair), with a random 128-bit
     * {@code jti}.
     *
     * @param method the HTTP method, e.g. {@code GET}
     * @param url    the absolute http(s) URL of the request; query and fragment are left out of the proof
     * @throws IllegalArgumentException if the method is not 1..128 printable US-ASCII characters or the URL is not an
     *                                  absolute http(s) URL
     */
    public static String create(Ed25519KeyPair key, String method, String url, Instant now, SecureRandom random) {
        return sign(key, method, url, null, now, random);
    }

    /** As {@link #create}, bound to a session as well (the {@code session} claim, e.g. the session id). */
    public static String createForSession(Ed25519KeyPair key, String method, String url, String session, Instant now,
            SecureRandom random) {
        return sign(key, method, url, Objects.requireNonNull(session, "session"), now, random);
    }

    private static String sign(Ed25519KeyPair key, String method, String url, String session, Instant now,
            SecureRandom random) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(random, "random");
        if (!Texts.isPrintableAscii(Objects.requireNonNull(method, "method"), MAX_CLAIM_LENGTH)) {
            throw new IllegalArgumentException("the method must be 1.." + MAX_CLAIM_LENGTH + " printable characters");
        }
        String htu = RequestUrl.normalize(Objects.requireNonNull(url, "url"))
                .orElseThrow(() -> new IllegalArgumentException("not an absolute http(s) URL: " + Texts.quote(url)));
        if (session != null && !Texts.isPrintableAscii(session, MAX_CLAIM_LENGTH)) {
            throw new IllegalArgumentException("the session must be 1.." + MAX_CLAIM_LENGTH + " printable characters");
        }
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        ObjectNode payload = Json.newObject()
                .put(METHOD, method)
                .put(URL, htu)
                .put(ISSUED_AT, now.getEpochSecond())
                .put(ID, Base64Url.encode(id));
        if (session != null) {
            payload.put(SESSION, session);
        }
        return Jws.sign(key, JwsAlgorithm.ED25519, TYPE, payload);
    }

    /** {@code htm}. */
    public String method() {
        return method;
    }

    /** {@code htu}, normalized. */
    public String url() {
        return url;
    }

    /** {@code iat}. */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** {@code jti}: what a replay cache keeps. */
    public String jti() {
        return id;
    }

    /** {@code session}, if the proof is bound to one. */
    public Optional<String> session() {
        return Optional.ofNullable(session);
    }

    @Override
    public String toString() {
        return "PopProof[" + method + " " + url + " at " + issuedAt + ", jti=" + id + "]";
    }
}
