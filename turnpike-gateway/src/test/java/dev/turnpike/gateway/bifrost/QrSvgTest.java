package dev.turnpike.gateway.bifrost;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SVG's squares, read back as a module matrix, decode to the text that was encoded. */
class QrSvgTest {

    private static final Pattern SIZE = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");

    /** The modules drawn in {@code svg}, without the 4-module quiet zone. */
    private static BitMatrix modules(String svg) {
        Matcher size = SIZE.matcher(svg);
        assertThat(size.find()).isTrue();
        int width = Integer.parseInt(size.group(1)) - 8;
        BitMatrix m = new BitMatrix(width, width);
        Matcher module = MODULE.matcher(svg);
        while (module.find()) {
            int x = Integer.parseInt(module.group(1)) - 4;
            int y = Integer.parseInt(module.group(2)) - 4;
            assertThat(x).as("inside the quiet zone").isBetween(0, width - 1);
            assertThat(y).isBetween(0, width - 1);
            m.set(x, y);
        }
        return m;
    }

    @Test
    void aDeepLinkDecodesBackFromTheSvg() throws Exception {
        String link = "sea://auth?session=q3V1ZC1zZXNzaW9uLWlk";
        assertThat(new Decoder().decode(modules(QrSvg.of(link, "QR"))).getText()).isEqualTo(link);
    }

    @Test
    void randomLinksOfManyLengthsDecodeBack() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            StringBuilder text = new StringBuilder("https://wallet.example/approve?u=");
            int n = random.nextInt(300);
            for (int j = 0; j < n; j++) {
                text.append((char) ('!' + random.nextInt(94)));
            }
            assertThat(new Decoder().decode(modules(QrSvg.of(text.toString(), "QR"))).getText())
                    .isEqualTo(text.toString());
        }
    }

    @Test
    void theTitleIsEscaped() {
        assertThat(QrSvg.of("x", "<b>\"title\"</b>")).contains("<title>&lt;b&gt;&quot;title&quot;&lt;/b&gt;</title>");
    }
}
