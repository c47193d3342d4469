package dev.turnpike.lightning.bolt11;

import dev.turnpike.lightning.crypto.PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * One hop of a private route (an entry of the {@code r} field): the channel starting at {@code nodeId}.
 *
 * @param shortChannelId the 8-byte short channel id as an unsigned value
 * @param feeBaseMsat unsigned 32-bit
 * @param feeProportionalMillionths unsigned 32-bit
 * @param cltvExpiryDelta unsigned 16-bit
 */
public record RouteHintHop(
        PublicKey nodeId, long shortChannelId, long feeBaseMsat, long feeProportionalMillionths, int cltvExpiryDelta) {

    static final int LENGTH = 51;

    public RouteHintHop {
        Objects.requireNonNull(nodeId, "nodeId");
        if (feeBaseMsat < 0 || feeBaseMsat > 0xffffffffL) {
            throw new IllegalArgumentException("fee_base_msat is 32 bits unsigned: " + feeBaseMsat);
        }
        if (feeProportionalMillionths < 0 || feeProportionalMillionths > 0xffffffffL) {
            throw new IllegalArgumentException("fee_proportional_millionths is 32 bits unsigned: " + feeProportionalMillionths);
        }
        if (cltvExpiryDelta < 0 || cltvExpiryDelta > 0xffff) {
            throw new IllegalArgumentException("cltv_expiry_delta is 16 bits unsigned: " + cltvExpiryDelta);
        }
    }

    /** Reads the 51-byte hop at {@code offset}; throws IllegalArgumentException if the node id is invalid. */
    static RouteHintHop read(byte[] bytes, int offset) {
        PublicKey nodeId = PublicKey.fromBytes(Arrays.copyOfRange(bytes, offset, offset + 33));
        return new RouteHintHop(nodeId,
                readUnsigned(bytes, offset + 33, 8),
                readUnsigned(bytes, offset + 41, 4),
                readUnsigned(bytes, offset + 45, 4),
                (int) readUnsigned(bytes, offset + 49, 2));
    }

    void write(byte[] out, int offset) {
        System.arraycopy(nodeId.bytes(), 0, out, offset, 33);
        writeUnsigned(out, offset + 33, 8, shortChannelId);
        writeUnsigned(out, offset + 41, 4, feeBaseMsat);
        writeUnsigned(out, offset + 45, 4, feeProportionalMillionths);
        writeUnsigned(out, offset + 49, 2, cltvExpiryDelta);
    }

    private static long readUnsigned(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xff);
        }
        return value;
    }

    private static void writeUnsigned(byte[] out, int offset, int length, long value) {
        for (int i = length - 1; i >= 0; i--) {
            out[offset + i] = (byte) value;
            value >>>= 8;
        }
    }
}
