package dev.turnpike.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The terminal QR code read back by a QR decoder, as a phone would read it off the screen. */
class TerminalQrTest {

    private static final int PIXELS_PER_MODULE = 4;

    /** Decodes a QR code drawn by {@link TerminalQr} for {@code background}, as light and dark pixels. */
    static String decode(List<String> lines, TerminalQr.Background background) throws Exception {
        int columns = lines.stream().mapToInt(String::length).max().orElse(0);
        int width = columns * PIXELS_PER_MODULE;
        int height = lines.size() * 2 * PIXELS_PER_MODULE;
        int[] pixels = new int[width * height];
        for (int row = 0; row < lines.size(); row++) {
            String line = lines.get(row);
            for (int x = 0; x < columns; x++) {
                char c = x < line.length() ? line.charAt(x) : ' ';
                paint(pixels, width, x, row * 2, light(c == '█' || c == '▀', background));
                paint(pixels, width, x, row * 2 + 1, light(c == '█' || c == '▄', background));
            }
        }
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(width, height, pixels)))).getText();
    }

    /** A block is the terminal's foreground: light on a dark background, dark on a light one. */
    private static boolean light(boolean block, TerminalQr.Background background) {
        return block == (background == TerminalQr.Background.DARK);
    }

    private static void paint(int[] pixels, int width, int moduleX, int moduleY, boolean light) {
        for (int dy = 0; dy < PIXELS_PER_MODULE; dy++) {
            for (int dx = 0; dx < PIXELS_PER_MODULE; dx++) {
                pixels[(moduleY * PIXELS_PER_MODULE + dy) * width + moduleX * PIXELS_PER_MODULE + dx] =
                        light ? 0xFFFFFF : 0x000000;
            }
        }
    }

    @Test
    void aDecoderReadsTheLinkBackForBothBackgrounds() throws Exception {
        Random random = new Random(5);
        for (int i = 0; i < 20; i++) {
            StringBuilder id = new StringBuilder();
            for (int j = 0; j < 22; j++) {
                id.append("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(random.nextInt(64)));
            }
            String link = "sea://auth?session=" + id;
            for (TerminalQr.Background background : TerminalQr.Background.values()) {
                String drawn = TerminalQr.render(link, background);
                assertThat(decode(drawn.lines().toList(), background)).as(background + " " + link).isEqualTo(link);
            }
        }
    }

    @Test
    void twoModuleRowsPerLineWithTheQuietZoneOnADarkBackground() {
        String drawn = TerminalQr.render("sea://auth?session=x", TerminalQr.Background.DARK);
        List<String> lines = drawn.lines().toList();
        int size = lines.get(0).length() - 2 * TerminalQr.QUIET_ZONE;
        assertThat((size - 21) % 4).as("a QR code's side is 21 + 4k modules").isZero();
        assertThat(lines).hasSize((size + 2 * TerminalQr.QUIET_ZONE + 1) / 2);
        assertThat(lines.get(0)).matches("█+");
        assertThat(lines).allMatch(l -> l.matches("[█▀▄ ]+") && l.length() == size + 2 * TerminalQr.QUIET_ZONE);
        String light = TerminalQr.render("sea://auth?session=x", TerminalQr.Background.LIGHT);
        assertThat(light.lines().toList().get(0)).isBlank();
    }
}
