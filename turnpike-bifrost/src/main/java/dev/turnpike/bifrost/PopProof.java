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
 * (delegated) key that binds one request (method and URL, query and fragment left out) at one time to the key. Two
 * kinds:
 * <ul>
 *   <li><b>Bridge proof</b> ({@link #createForSession}): header {@code {"alg":"Ed25519","typ":"bifrost-pop+jwt"}},
 *       payload {@code {"htm":"GET", "htu":"https://bridge.example/api/auth/…", "iat":1745830241, "jti":"…",
 *       "session":"…"}}; the bridge takes one instead of the poll token when the application reads its approved
 *       token. The key is not in the proof: the bridge knows the session's key.</li>
 *   <li><b>DPoP proof</b> ({@link #createDpop}), RFC 9449 as it is: header {@code {"alg":"EdDSA","typ":"dpop+jwt",
 *       "jwk":{"kty":"OKP","crv":"Ed25519","x":"…"}}}, payload {@code {"htm", "htu", "iat", "jti", "ath"}} where
 *       {@code ath} is base64url SHA-256 of the delegation token it accompanies ({@code Authorization: DPoP
 *       <token>}). {@code EdDSA} is written because most JOSE libraries know only that name; both are accepted.</li>
 * </ul>
 * An instance is the content of a proof that {@link PopVerifier} accepted, which includes that its
 * {@link #jti()} was not seen before within the proof's window ({@link ReplayCache}).
 */
public final class PopProof {
    /** The {@code typ} of a proof. */
    public static final String TYPE = "bifrost-pop+jwt";
    /** The {@code typ} of a DPoP proof (RFC 9449). */
    public static final String DPOP_TYPE = "dpop+jwt";
    static final String METHOD = "htm";
    static final String URL = "htu";
    static final String ISSUED_AT = "iat";
    static final String ID = "jti";
    static final String SESSION = "session";
    static final String ACCESS_TOKEN_HASH = "ath";
    static final String JWK = "jwk";
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
     * A bridge proof for one request within a session (the {@code session} claim, e.g. the session id), signed by
     * {@code key} (the application's delegated key pair), with a random 128-bit {@code jti}.
     *
     * @param method the HTTP method, e.g. {@code GET}
     * @param url    the absolute http(s) URL of the request; query and fragment are left out of the proof
     * @throws IllegalArgumentException if the method or session is not 1..128 printable US-ASCII characters or the
     *                                  URL is not an absolute http(s) URL
     */
    public static String createForSession(Ed25519KeyPair key, String method, String url, String session, Instant now,
            SecureRandom random) {
        if (!Texts.isPrintableAscii(Objects.requireNonNull(session, "session"), MAX_CLAIM_LENGTH)) {
            throw new IllegalArgumentException("the session must be 1.." + MAX_CLAIM_LENGTH + " printable characters");
        }
        ObjectNode payload = claims(key, method, url, now, random).put(SESSION, session);
        return Jws.sign(key, JwsAlgorithm.ED25519, TYPE, payload);
    }

    /**
     * A DPoP proof for one API request that carries {@code accessToken} ({@code Authorization: DPoP <token>}), signed
     * by {@code key}, the token's delegated key pair. Arguments as {@link #createForSession}.
     */
    public static String createDpop(Ed25519KeyPair key, String method, String url, String accessToken, Instant now,
            SecureRandom random) {
        ObjectNode payload = claims(key, method, url, now, random)
                .put(ACCESS_TOKEN_HASH, PopExpectation.accessTokenHash(Objects.requireNonNull(accessToken, "accessToken")));
        ObjectNode header = Json.newObject();
        header.putObject(JWK).put("kty", "OKP").put("crv", "Ed25519")
                .put("x", Base64Url.encode(key.publicKey().toBytes()));
        return Jws.sign(key, JwsAlgorithm.EDDSA, DPOP_TYPE, header, payload);
    }

    private static ObjectNode claims(Ed25519KeyPair key, String method, String url, Instant now, SecureRandom random) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(random, "random");
        if (!Texts.isPrintableAscii(Objects.requireNonNull(method, "method"), MAX_CLAIM_LENGTH)) {
            throw new IllegalArgumentException("the method must be 1.." + MAX_CLAIM_LENGTH + " printable characters");
        }
        String htu = RequestUrl.normalize(Objects.requireNonNull(url, "url"))
                .orElseThrow(() -> new IllegalArgumentException("not an absolute http(s) URL: " + Texts.quote(url)));
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        return Json.newObject()
                .put(METHOD, method)
                .put(URL, htu)
                .put(ISSUED_AT, now.getEpochSecond())
                .put(ID, Base64Url.encode(id));
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
