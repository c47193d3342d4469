package dev.turnpike.l402.macaroon;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An immutable macaroon: location, identifier bytes, caveats and a 32-byte signature, with the
 * signature chain of go-macaroon / libmacaroons:
 *
 * <pre>
 *   k   = HMAC-SHA256(key = "macaroons-key-generator", msg = rootKey)
 *   sig = HMAC-SHA256(k, identifier)
 *   sig = HMAC-SHA256(sig, caveatId)          for each first-party caveat, in order
 * </pre>
 *
 * <p>Attenuation ({@link #addFirstPartyCaveat(byte[])}) needs only the current signature, so a client can
 * add caveats (e.g. {@code preimage=…}) without knowing the root key. Binary encoding is in
 * {@link MacaroonCodec}.
 */
public final class Macaroon {
    /** Upper bound on the number of caveats, enforced by {@link MacaroonCodec} and by attenuation. */
    public static final int MAX_CAVEATS = 128;

    private static final byte[] EMPTY = new byte[0];

    private final byte[] location;
    private final byte[] identifier;
    private final List<Caveat> caveats;
    private final byte[] signature;

    private Macaroon(byte[] location, byte[] identifier, List<Caveat> caveats, byte[] signature) {
        this.location = location;
        this.identifier = identifier;
        this.caveats = caveats;
        this.signature = signature;
    }

    /**
     * Creates a macaroon without caveats: {@code sig = HMAC(derive(rootKey), identifier)}.
     *
     * @param location the location hint, may be empty (then not encoded, like go-macaroon)
     */
    public static Macaroon create(RootKey rootKey, byte[] identifier, String location) {
        Objects.requireNonNull(rootKey, "rootKey");
        byte[] id = Objects.requireNonNull(identifier, "identifier").clone();
        byte[] loc = Objects.requireNonNull(location, "location").getBytes(StandardCharsets.UTF_8);
        return new Macaroon(loc, id, List.of(), MacaroonCrypto.hmac(rootKey.derivedKey(), id));
    }

    /**
     * Assembles a macaroon from decoded parts without checking the signature (that is
     * {@link #verifySignature(RootKey)}'s job).
     *
     * @throws IllegalArgumentException if the signature is not 32 bytes or there are too many caveats
     */
    public static Macaroon of(String location, byte[] identifier, List<Caveat> caveats, byte[] signature) {
        return assemble(location.getBytes(StandardCharsets.UTF_8), identifier.clone(), List.copyOf(caveats),
                signature.clone());
    }

    static Macaroon assemble(byte[] location, byte[] identifier, List<Caveat> caveats, byte[] signature) {
        if (signature.length != MacaroonCrypto.HASH_LEN) {
            throw new IllegalArgumentException("signature must be 32 bytes");
        }
        if (caveats.size() > MAX_CAVEATS) {
            throw new IllegalArgumentException("more than " + MAX_CAVEATS + " caveats");
        }
        return new Macaroon(location, identifier, caveats, signature);
    }

    /**
     * Returns a new macaroon with a first-party caveat appended: {@code sig' = HMAC(sig, caveatId)}.
     *
     * @throws IllegalStateException if the macaroon already holds {@value #MAX_CAVEATS} caveats
     */
    public Macaroon addFirstPartyCaveat(byte[] caveatId) {
        if (caveats.size() >= MAX_CAVEATS) {
            throw new IllegalStateException("a macaroon holds at most " + MAX_CAVEATS + " caveats");
        }
        byte[] cid = caveatId.clone();
        List<Caveat> next = new ArrayList<>(caveats.size() + 1);
        next.addAll(caveats);
        next.add(Caveat.owned(cid, EMPTY, EMPTY));
        return new Macaroon(location, identifier, Collections.unmodifiableList(next),
                MacaroonCrypto.hmac(signature, cid));
    }

    /** {@link #addFirstPartyCaveat(byte[])} with the UTF-8 bytes of {@code caveatId}. */
    public Macaroon addFirstPartyCaveat(String caveatId) {
        return addFirstPartyCaveat(caveatId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Recomputes the signature chain from {@code rootKey} and compares it with this macaroon's signature in
     * constant time. Returns {@code false} if the macaroon holds any third-party caveat (discharge macaroons
     * are not supported).
     */
    public boolean verifySignature(RootKey rootKey) {
        for (Caveat c : caveats) {
            if (!c.isFirstParty()) {
                return false;
            }
        }
        byte[] sig = MacaroonCrypto.hmac(rootKey.derivedKey(), identifier);
        for (Caveat c : caveats) {
            sig = MacaroonCrypto.hmac(sig, c.idRef());
        }
        return MacaroonCrypto.constantTimeEquals(sig, signature);
    }

    /** The location decoded as UTF-8; empty if none. Not covered by the signature. */
    public String location() {
        return new String(location, StandardCharsets.UTF_8);
    }

    /** A copy of the identifier bytes. */
    public byte[] identifier() {
        return identifier.clone();
    }

    /** The caveats in order (immutable list). */
    public List<Caveat> caveats() {
        return caveats;
    }

    /** A copy of the 32-byte signature. */
    public byte[] signature() {
        return signature.clone();
    }

    /** True if every caveat is first-party. */
    public boolean hasOnlyFirstPartyCaveats() {
        for (Caveat c : caveats) {
            if (!c.isFirstParty()) {
                return false;
            }
        }
        return true;
    }

    byte[] locationRef() {
        return location;
    }

    byte[] identifierRef() {
        return identifier;
    }

    byte[] signatureRef() {
        return signature;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Macaroon m
                && Arrays.equals(location, m.location)
                && Arrays.equals(identifier, m.identifier)
                && caveats.equals(m.caveats)
                && MacaroonCrypto.constantTimeEquals(signature, m.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(identifier) * 31 + caveats.hashCode();
    }

    /** Shows location, identifier (hex) and caveats; the signature is redacted. */
    @Override
    public String toString() {
        return "Macaroon[location=" + location() + ", identifier=" + HexFormat.of().formatHex(identifier)
                + ", caveats=" + caveats + ", signature=redacted]";
    }
}
