package dev.turnpike.l402.macaroon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded fuzzing: the codec only ever throws MacaroonFormatException, and whatever it accepts is canonical. */
class MacaroonFuzzTest {
    private static final RootKey KEY = RootKey.of(new byte[] {1, 2, 3});

    private static void decodeOnlyTyped(byte[] data) {
        try {
            Macaroon m = MacaroonCodec.decode(data);
            if (data[0] == 2) {
                assertThat(MacaroonCodec.encode(m)).isEqualTo(data);
            }
        } catch (MacaroonFormatException expected) {
            // the typed error is fine
        }
    }

    @Test
    void randomBytes() {
        Random r = new Random(402);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(200)];
            r.nextBytes(b);
            if (b.length > 0 && r.nextBoolean()) {
                b[0] = (byte) (r.nextBoolean() ? 2 : '0' + r.nextInt(10));
            }
            decodeOnlyTyped(b);
        }
    }

    @Test
    void mutationsOfValidMacaroons() throws Exception {
        Random r = new Random(7);
        Macaroon built = Macaroon.create(KEY, new byte[66], "lsat");
        for (String c : new String[] {"services=a:0", "a_capabilities=x,y", "a_valid_until=1700000000"}) {
            built = built.addFirstPartyCaveat(c);
        }
        Macaroon m = built;
        byte[] base = MacaroonCodec.encode(m);
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] b = base.clone();
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits; e++) {
                switch (r.nextInt(4)) {
                    case 0 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    case 1 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    case 2 -> b = Arrays.copyOf(b, Math.max(1, b.length - 1 - r.nextInt(8)));
                    default -> {
                        byte[] c = Arrays.copyOf(b, b.length + 1 + r.nextInt(4));
                        for (int k = b.length; k < c.length; k++) {
                            c[k] = (byte) r.nextInt(256);
                        }
                        b = c;
                    }
                }
            }
            try {
                Macaroon d = MacaroonCodec.decode(b);
                accepted++;
                assertThat(MacaroonCodec.encode(d)).isEqualTo(b);
                if (d.verifySignature(KEY)) { // only the unsigned location may have changed
                    assertThat(d.identifier()).isEqualTo(m.identifier());
                    assertThat(d.caveats()).isEqualTo(m.caveats());
                    assertThat(d.signature()).isEqualTo(m.signature());
                }
            } catch (MacaroonFormatException expected) {
                // fine
            }
        }
        assertThat(accepted).isPositive(); // some mutations (e.g. inside data bytes) stay well-formed
    }

    @Test
    void randomBase64AndHexText() {
        Random r = new Random(11);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_= \t\u00e9:,\"";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(120);
            for (int k = 0; k < n; k++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            try {
                MacaroonCodec.decodeBase64(s);
            } catch (MacaroonFormatException expected) {
                // fine
            }
            try {
                MacaroonCodec.decodeHex(s);
            } catch (MacaroonFormatException expected) {
                // fine
            }
        }
    }

    @Test
    void randomV1Packets() {
        Random r = new Random(5);
        String[] names = {"location", "identifier", "cid", "vid", "cl", "signature", "x"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int packets = r.nextInt(6);
            for (int p = 0; p < packets; p++) {
                String name = names[r.nextInt(names.length)];
                int dataLen = name.equals("signature") && r.nextBoolean() ? 32 : r.nextInt(10);
                int len = 4 + name.length() + 1 + dataLen + 1 + (r.nextInt(10) == 0 ? r.nextInt(5) - 2 : 0);
                sb.append(String.format("%04x", Math.max(0, len))).append(name).append(' ');
                for (int k = 0; k < dataLen; k++) {
                    sb.append((char) ('a' + r.nextInt(26)));
                }
                sb.append('\n');
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            if (b.length == 0) {
                continue;
            }
            try {
                MacaroonCodec.decode(b);
            } catch (MacaroonFormatException expected) {
                // fine
            }
        }
    }
}
