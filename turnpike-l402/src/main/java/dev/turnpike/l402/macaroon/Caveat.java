package dev.turnpike.l402.macaroon;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One caveat packet of a macaroon, as in go-macaroon's {@code Caveat}: the caveat identifier bytes and,
 * for a third-party caveat, a verification id and a location.
 *
 * <p>A first-party caveat (the only kind L402 uses, e.g. {@code services=my_api:0}) has an empty
 * verification id and an empty location. Third-party caveats are decoded and re-encoded faithfully but
 * this library never creates them and never verifies them (no discharge macaroon support):
 * {@link Macaroon#verifySignature(RootKey)} returns {@code false} for a macaroon that carries any.
 *
 * <p>Immutable: all byte arrays are copied in and out.
 */
public final class Caveat {
    private static final byte[] EMPTY = new byte[0];

    private final byte[] id;
    private final byte[] verificationId;
    private final byte[] location;

    private Caveat(byte[] id, byte[] verificationId, byte[] location) {
        this.id = id;
        this.verificationId = verificationId;
        this.location = location;
    }

    /** A first-party caveat with the given identifier (copied). */
    public static Caveat firstParty(byte[] id) {
        return new Caveat(Objects.requireNonNull(id, "id").clone(), EMPTY, EMPTY);
    }

    /** A first-party caveat whose identifier is the UTF-8 encoding of {@code id}. */
    public static Caveat firstParty(String id) {
        return new Caveat(id.getBytes(StandardCharsets.UTF_8), EMPTY, EMPTY);
    }

    /**
     * A third-party caveat (decoding only; never signed by this library).
     *
     * @throws IllegalArgumentException if {@code verificationId} is empty
     */
    public static Caveat thirdParty(byte[] id, byte[] verificationId, byte[] location) {
        if (verificationId.length == 0) {
            throw new IllegalArgumentException("a third-party caveat needs a verification id");
        }
        return new Caveat(id.clone(), verificationId.clone(), location.clone());
    }

    /** Package-private constructor that takes ownership of the arrays (used by the codec). */
    static Caveat owned(byte[] id, byte[] verificationId, byte[] location) {
        return new Caveat(id, verificationId, location);
    }

    /** A copy of the caveat identifier bytes (for a first-party caveat: its predicate). */
    public byte[] id() {
        return id.clone();
    }

    /** The caveat identifier decoded as UTF-8 (malformed sequences replaced). */
    public String idAsString() {
        return new String(id, StandardCharsets.UTF_8);
    }

    /** Length of the caveat identifier in bytes. */
    public int idLength() {
        return id.length;
    }

    /** A copy of the verification id; empty for a first-party caveat. */
    public byte[] verificationId() {
        return verificationId.clone();
    }

    /** The location (third-party caveats only), decoded as UTF-8; empty for a first-party caveat. */
    public String location() {
        return new String(location, StandardCharsets.UTF_8);
    }

    /** True when this caveat has no verification id. */
    public boolean isFirstParty() {
        return verificationId.length == 0;
    }

    byte[] idRef() {
        return id;
    }

    byte[] verificationIdRef() {
        return verificationId;
    }

    byte[] locationRef() {
        return location;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Caveat c
                && Arrays.equals(id, c.id)
                && Arrays.equals(verificationId, c.verificationId)
                && Arrays.equals(location, c.location);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id) * 31 + Arrays.hashCode(verificationId);
    }

    @Override
    public String toString() {
        if (isFirstParty()) {
            return "Caveat[" + printable(id) + "]";
        }
        return "Caveat[third-party id=" + printable(id) + ", location=" + location() + "]";
    }

    static String printable(byte[] b) {
        for (byte x : b) {
            if (x < 0x20 || x > 0x7e) {
                return "0x" + HexFormat.of().formatHex(b);
            }
        }
        return new String(b, StandardCharsets.US_ASCII);
    }
}
