package dev.turnpike.l402.macaroon;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Binary and text encodings of {@link Macaroon}, byte-compatible with go-macaroon ({@code gopkg.in/macaroon.v2})
 * and libmacaroons.
 *
 * <h2>V2 binary format (encode and decode)</h2>
 *
 * <pre>
 *   version byte 0x02
 *   [location] identifier EOS                       -- header section
 *   ( [location] identifier [verificationId] EOS )* -- one section per caveat
 *   EOS                                             -- end of caveats
 *   signature                                       -- no EOS after it
 * </pre>
 *
 * Each field is {@code type(varint) length(varint) data}, except EOS which is the single byte 0. Field types:
 * EOS 0, location 1, identifier 2, verification id 4, signature 6 (the L402 repository's macaroon-spec.md lists
 * other tags; these are the real ones). Varints are unsigned LEB128.
 *
 * <p>Decoding is <b>strict and canonical</b>: it accepts exactly the byte strings that {@link #encode(Macaroon)}
 * produces, so {@code encode(decode(b))} equals {@code b} for every accepted {@code b}. Rejected: wrong version,
 * unknown or out-of-order fields, a location or verification id of length zero, a location on a first-party
 * caveat, non-minimal varints, lengths past the end, a signature that is not 32 bytes, and trailing bytes.
 *
 * <h2>V1 binary format (decode only)</h2>
 * libmacaroons' original packet format: each packet is four lowercase hex digits giving the whole packet length,
 * a field name, a space, the data and a newline. Fields in order: {@code location}, {@code identifier}, then per
 * caveat {@code cid} [{@code vid} [{@code cl}]], then {@code signature} (32 raw bytes). The usual text form of a
 * V1 macaroon is the base64 of these packets; {@link #decodeBase64(String)} handles it. Decoded V1 macaroons are
 * re-encoded as V2.
 *
 * <h2>Bounds</h2>
 * Binary input of at most {@value #MAX_ENCODED_SIZE} bytes (base64 text correspondingly), at most
 * {@value Macaroon#MAX_CAVEATS} caveats. Out-of-bounds input is rejected before any large allocation.
 *
 * <p>Every decoding method throws only {@link MacaroonFormatException}, whatever the input.
 */
public final class MacaroonCodec {
    /** Largest accepted binary macaroon, in bytes (64 KiB). */
    public static final int MAX_ENCODED_SIZE = 64 * 1024;
    /** Largest accepted base64 text, in characters. */
    public static final int MAX_BASE64_LENGTH = (MAX_ENCODED_SIZE + 2) / 3 * 4;

    static final int VERSION_2 = 2;
    static final int FIELD_EOS = 0;
    static final int FIELD_LOCATION = 1;
    static final int FIELD_IDENTIFIER = 2;
    static final int FIELD_VERIFICATION_ID = 4;
    static final int FIELD_SIGNATURE = 6;

    private static final byte[] EMPTY = new byte[0];
    private static final HexFormat HEX = HexFormat.of();

    private MacaroonCodec() {}

    // ------------------------------------------------------------------ encoding

    /** The V2 binary encoding, byte-identical to go-macaroon's {@code MarshalBinary}. */
    public static byte[] encode(Macaroon m) {
        int size = 1 + (m.locationRef().length > 0 ? fieldSize(m.locationRef().length) : 0)
                + fieldSize(m.identifierRef().length) + 1 + 1 + fieldSize(m.signatureRef().length);
        for (Caveat c : m.caveats()) {
            size += (c.locationRef().length > 0 ? fieldSize(c.locationRef().length) : 0) + fieldSize(c.idRef().length)
                    + (c.verificationIdRef().length > 0 ? fieldSize(c.verificationIdRef().length) : 0) + 1;
        }
        byte[] out = new byte[size];
        int p = 0;
        out[p++] = VERSION_2;
        if (m.locationRef().length > 0) {
            p = writeField(out, p, FIELD_LOCATION, m.locationRef());
        }
        p = writeField(out, p, FIELD_IDENTIFIER, m.identifierRef());
        out[p++] = FIELD_EOS;
        for (Caveat c : m.caveats()) {
            if (c.locationRef().length > 0) {
                p = writeField(out, p, FIELD_LOCATION, c.locationRef());
            }
            p = writeField(out, p, FIELD_IDENTIFIER, c.idRef());
            if (c.verificationIdRef().length > 0) {
                p = writeField(out, p, FIELD_VERIFICATION_ID, c.verificationIdRef());
            }
            out[p++] = FIELD_EOS;
        }
        out[p++] = FIELD_EOS;
        p = writeField(out, p, FIELD_SIGNATURE, m.signatureRef());
        if (p != size) {
            throw new IllegalStateException("encoder size mismatch");
        }
        return out;
    }

    /** Standard base64 (with padding) of the V2 encoding: the form used in L402 headers. */
    public static String encodeBase64(Macaroon m) {
        return Base64.getEncoder().encodeToString(encode(m));
    }

    /** URL-safe base64 without padding of the V2 encoding (the libmacaroons / go-macaroon text form). */
    public static String encodeBase64Url(Macaroon m) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(encode(m));
    }

    /** Lowercase hex of the V2 encoding: the form of the {@code Macaroon} / {@code Grpc-Metadata-Macaroon} headers. */
    public static String encodeHex(Macaroon m) {
        return HEX.formatHex(encode(m));
    }

    /** Size of a non-EOS field: type byte (all types are < 128) + varint length + data. */
    private static int fieldSize(int len) {
        return 1 + varintSize(len) + len;
    }

    private static int varintSize(int v) {
        int n = 1;
        while ((v & ~0x7f) != 0) {
            n++;
            v >>>= 7;
        }
        return n;
    }

    private static int writeField(byte[] out, int p, int type, byte[] data) {
        out[p++] = (byte) type;
        int v = data.length;
        while ((v & ~0x7f) != 0) {
            out[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[p++] = (byte) v;
        System.arraycopy(data, 0, out, p, data.length);
        return p + data.length;
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes a binary macaroon: V2 if the first byte is {@code 0x02}, V1 if it is a lowercase ASCII hex digit
     * (as go-macaroon's {@code UnmarshalBinary} does). The whole input must be one macaroon.
     */
    public static Macaroon decode(byte[] data) throws MacaroonFormatException {
        if (data == null || data.length == 0) {
            throw new MacaroonFormatException("empty macaroon data");
        }
        if (data.length > MAX_ENCODED_SIZE) {
            throw new MacaroonFormatException("macaroon larger than " + MAX_ENCODED_SIZE + " bytes");
        }
        if (data[0] == VERSION_2) {
            return decodeV2(data);
        }
        if (asciiHex(data[0]) >= 0) {
            return decodeV1(data);
        }
        throw new MacaroonFormatException("unknown macaroon format");
    }

    /** Base64 (standard or URL-safe, padded or not) then {@link #decode(byte[])}. */
    public static Macaroon decodeBase64(String text) throws MacaroonFormatException {
        return decode(decodeBase64Bytes(text));
    }

    /** Hex (either case) then {@link #decode(byte[])}. */
    public static Macaroon decodeHex(String text) throws MacaroonFormatException {
        if (text == null || text.isEmpty() || text.length() > 2 * MAX_ENCODED_SIZE || (text.length() & 1) != 0) {
            throw new MacaroonFormatException("bad hex macaroon length");
        }
        byte[] bytes;
        try {
            bytes = HEX.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new MacaroonFormatException("invalid hex");
        }
        return decode(bytes);
    }

    /**
     * Lenient base64 decoding as go-macaroon's {@code Base64Decode}: accepts the standard and the URL-safe
     * alphabet (not mixed in one string), with or without {@code =} padding (if present, it must be correct).
     * No whitespace is accepted.
     */
    public static byte[] decodeBase64Bytes(String text) throws MacaroonFormatException {
        if (text == null || text.isEmpty()) {
            throw new MacaroonFormatException("empty base64");
        }
        int len = text.length();
        if (len > MAX_BASE64_LENGTH) {
            throw new MacaroonFormatException("base64 text too long");
        }
        int end = len;
        while (end > 0 && text.charAt(end - 1) == '=') {
            end--;
        }
        int pad = len - end;
        if (pad > 2 || end % 4 == 1 || (pad > 0 && len % 4 != 0)) {
            throw new MacaroonFormatException("bad base64 length or padding");
        }
        boolean std = false;
        boolean url = false;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '+' || c == '/') {
                std = true;
            } else if (c == '-' || c == '_') {
                url = true;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                throw new MacaroonFormatException("invalid base64 character");
            }
        }
        if (std && url) {
            throw new MacaroonFormatException("mixed base64 alphabets");
        }
        try {
            Base64.Decoder d = url ? Base64.getUrlDecoder() : Base64.getDecoder();
            return d.decode(pad == 0 ? text : text.substring(0, end));
        } catch (IllegalArgumentException e) {
            throw new MacaroonFormatException("invalid base64");
        }
    }

    // ------------------------------------------------------------------ V2

    /** A cursor over the input; fields are decoded into fresh arrays (the input is never retained). */
    private static final class Reader {
        final byte[] data;
        int pos;
        int type;
        byte[] value;

        Reader(byte[] data, int pos) {
            this.data = data;
            this.pos = pos;
        }

        int varint() throws MacaroonFormatException {
            int result = 0;
            for (int shift = 0; shift <= 21; shift += 7) {
                if (pos >= data.length) {
                    throw new MacaroonFormatException("varint extends past end of buffer");
                }
                int b = data[pos++] & 0xff;
                if (shift > 0 && b == 0) {
                    throw new MacaroonFormatException("non-minimal varint");
                }
                result |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new MacaroonFormatException("varint out of range");
        }

        /** Reads one field into {@link #type} and {@link #value} (value is null for EOS). */
        void field() throws MacaroonFormatException {
            type = varint();
            if (type == FIELD_EOS) {
                value = null;
                return;
            }
            if (type != FIELD_LOCATION && type != FIELD_IDENTIFIER && type != FIELD_VERIFICATION_ID
                    && type != FIELD_SIGNATURE) {
                throw new MacaroonFormatException("unknown field type");
            }
            int len = varint();
            if (len > data.length - pos) {
                throw new MacaroonFormatException("field data extends past end of buffer");
            }
            value = new byte[len];
            System.arraycopy(data, pos, value, 0, len);
            pos += len;
        }
    }

    private static Macaroon decodeV2(byte[] data) throws MacaroonFormatException {
        Reader r = new Reader(data, 1);
        byte[][] header = section(r);
        if (header == null) {
            throw new MacaroonFormatException("missing macaroon header");
        }
        if (header[1] == null || header[2] != null) {
            throw new MacaroonFormatException("invalid macaroon header");
        }
        byte[] location = header[0] == null ? EMPTY : header[0];
        byte[] identifier = header[1];
        List<Caveat> caveats = new ArrayList<>(4);
        while (true) {
            byte[][] s = section(r);
            if (s == null) {
                break;
            }
            if (s[1] == null) {
                throw new MacaroonFormatException("no identifier in caveat");
            }
            if (s[2] == null && s[0] != null) {
                throw new MacaroonFormatException("location not allowed in first party caveat");
            }
            if (caveats.size() >= Macaroon.MAX_CAVEATS) {
                throw new MacaroonFormatException("too many caveats");
            }
            caveats.add(Caveat.owned(s[1], s[2] == null ? EMPTY : s[2], s[0] == null ? EMPTY : s[0]));
        }
        r.field();
        if (r.type != FIELD_SIGNATURE) {
            throw new MacaroonFormatException("unexpected field instead of signature");
        }
        if (r.value.length != MacaroonCrypto.HASH_LEN) {
            throw new MacaroonFormatException("signature has unexpected length");
        }
        if (r.pos != data.length) {
            throw new MacaroonFormatException("trailing bytes after macaroon");
        }
        return Macaroon.assemble(location, identifier, Collections.unmodifiableList(caveats), r.value);
    }

    /**
     * Reads a section up to its EOS. Returns null for an empty section, else {location, identifier, vid}
     * (entries null when absent). Only fields location, identifier and verification id are allowed, each at
     * most once, in increasing type order.
     */
    private static byte[][] section(Reader r) throws MacaroonFormatException {
        byte[][] out = null;
        int prev = -1;
        while (true) {
            r.field();
            if (r.type == FIELD_EOS) {
                return out;
            }
            if (r.type <= prev) {
                throw new MacaroonFormatException("fields out of order");
            }
            prev = r.type;
            if (out == null) {
                out = new byte[3][];
            }
            switch (r.type) {
                case FIELD_LOCATION -> {
                    if (r.value.length == 0) {
                        throw new MacaroonFormatException("empty location field");
                    }
                    out[0] = r.value;
                }
                case FIELD_IDENTIFIER -> out[1] = r.value;
                case FIELD_VERIFICATION_ID -> {
                    if (r.value.length == 0) {
                        throw new MacaroonFormatException("empty verification id field");
                    }
                    out[2] = r.value;
                }
                default -> throw new MacaroonFormatException("unexpected field in section");
            }
        }
    }

    // ------------------------------------------------------------------ V1

    private static final int V1_MIN_PACKET = 7; // 4 size digits + 1-char name + space + newline

    private static Macaroon decodeV1(byte[] data) throws MacaroonFormatException {
        int[] pos = {0};
        byte[] location = expectV1(data, pos, "location");
        byte[] identifier = expectV1(data, pos, "identifier");
        List<Caveat> caveats = new ArrayList<>(4);
        byte[] cid = null;
        byte[] vid = null;
        byte[] cl = null;
        while (true) {
            String[] name = new String[1];
            byte[] value = packetV1(data, pos, name);
            switch (name[0]) {
                case "signature" -> {
                    if (cid != null) {
                        addV1Caveat(caveats, cid, vid, cl);
                    }
                    if (value.length != MacaroonCrypto.HASH_LEN) {
                        throw new MacaroonFormatException("signature has unexpected length");
                    }
                    if (pos[0] != data.length) {
                        throw new MacaroonFormatException("trailing bytes after macaroon");
                    }
                    return Macaroon.assemble(location, identifier, Collections.unmodifiableList(caveats), value);
                }
                case "cid" -> {
                    if (cid != null) {
                        addV1Caveat(caveats, cid, vid, cl);
                    }
                    cid = value;
                    vid = null;
                    cl = null;
                }
                case "vid" -> {
                    if (cid == null || vid != null || value.length == 0) {
                        throw new MacaroonFormatException("misplaced vid");
                    }
                    vid = value;
                }
                case "cl" -> {
                    if (cid == null || cl != null) {
                        throw new MacaroonFormatException("misplaced cl");
                    }
                    cl = value;
                }
                default -> throw new MacaroonFormatException("unexpected V1 field");
            }
        }
    }

    private static void addV1Caveat(List<Caveat> caveats, byte[] cid, byte[] vid, byte[] cl)
            throws MacaroonFormatException {
        if (vid == null && cl != null && cl.length > 0) {
            throw new MacaroonFormatException("location not allowed in first party caveat");
        }
        if (caveats.size() >= Macaroon.MAX_CAVEATS) {
            throw new MacaroonFormatException("too many caveats");
        }
        caveats.add(Caveat.owned(cid, vid == null ? EMPTY : vid, cl == null ? EMPTY : cl));
    }

    private static byte[] expectV1(byte[] data, int[] pos, String field) throws MacaroonFormatException {
        String[] name = new String[1];
        byte[] value = packetV1(data, pos, name);
        if (!field.equals(name[0])) {
            throw new MacaroonFormatException("unexpected V1 field; expected " + field);
        }
        return value;
    }

    private static byte[] packetV1(byte[] data, int[] posRef, String[] name) throws MacaroonFormatException {
        int pos = posRef[0];
        if (data.length - pos < V1_MIN_PACKET) {
            throw new MacaroonFormatException("V1 packet too short");
        }
        int size = 0;
        for (int i = 0; i < 4; i++) {
            int d = asciiHex(data[pos + i]);
            if (d < 0) {
                throw new MacaroonFormatException("cannot parse V1 packet size");
            }
            size = (size << 4) | d;
        }
        if (size < V1_MIN_PACKET || size > data.length - pos) {
            throw new MacaroonFormatException("bad V1 packet size");
        }
        int end = pos + size;
        if (data[end - 1] != '\n') {
            throw new MacaroonFormatException("no terminating newline in V1 packet");
        }
        int space = -1;
        for (int i = pos + 4; i < end - 1; i++) {
            if (data[i] == ' ') {
                space = i;
                break;
            }
        }
        if (space <= pos + 4) {
            throw new MacaroonFormatException("cannot parse V1 field name");
        }
        StringBuilder sb = new StringBuilder(space - pos - 4);
        for (int i = pos + 4; i < space; i++) {
            int c = data[i] & 0xff;
            if (c < 0x21 || c > 0x7e) {
                throw new MacaroonFormatException("bad V1 field name");
            }
            sb.append((char) c);
        }
        name[0] = sb.toString();
        byte[] value = new byte[end - 1 - (space + 1)];
        System.arraycopy(data, space + 1, value, 0, value.length);
        posRef[0] = end;
        return value;
    }

    private static int asciiHex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
