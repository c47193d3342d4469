package dev.turnpike.lightning.bolt11;

import dev.turnpike.lightning.bech32.Bech32;
import dev.turnpike.lightning.crypto.PrivateKey;
import dev.turnpike.lightning.crypto.RecoverableSignature;
import dev.turnpike.lightning.crypto.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes invoices the way the spec describes, with no validation, so tests can make correctly signed
 * invoices that the builder would refuse to write.
 */
final class RawInvoices {

    private RawInvoices() {}

    static String sign(String hrp, long timestamp, List<TaggedField> fields, PrivateKey key) {
        ByteArrayOutputStream words = new ByteArrayOutputStream();
        for (int i = 6; i >= 0; i--) {
            words.write((int) (timestamp >>> (5 * i)) & 31);
        }
        for (TaggedField field : fields) {
            words.write(field.type());
            words.write(field.length() >>> 5);
            words.write(field.length() & 31);
            words.writeBytes(field.words());
        }
        byte[] data = words.toByteArray();
        byte[] hash = Sha256.hash(hrp.getBytes(StandardCharsets.US_ASCII), Bech32.packWordsPadded(data, 0, data.length));
        RecoverableSignature signature = key.sign(hash);
        byte[] signatureBytes = Arrays.copyOf(signature.compact(), 65);
        signatureBytes[64] = (byte) signature.recoveryId();
        words.writeBytes(Bech32.toWords(signatureBytes));
        return Bech32.encode(hrp, words.toByteArray());
    }

    static TaggedField field(int type, byte[] bytes) {
        return TaggedField.of(type, Bech32.toWords(bytes));
    }
}
