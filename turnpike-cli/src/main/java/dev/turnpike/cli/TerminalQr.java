package dev.turnpike.cli;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

/**
 * A QR code as lines of text, two modules per character cell with Unicode half blocks ({@code ▀ ▄ █}), so that it
 * is square and small enough for a terminal. A reader needs dark modules on a light ground, so the blocks draw the
 * light modules on a dark terminal and the dark modules on a light one; the quiet zone of {@value #QUIET_ZONE}
 * modules that ISO/IEC 18004 asks for is drawn too where the terminal's ground is dark.
 */
final class TerminalQr {

    static final int QUIET_ZONE = 4;

    /** The terminal's background colour. */
    enum Background {
        DARK, LIGHT
    }

    private TerminalQr() {}

    /**
     * {@code content} as a QR code (error correction level M), one string with a line per two module rows.
     *
     * @throws IllegalArgumentException if {@code content} does not fit in a QR code
     */
    static String render(String content, Background background) {
        ByteMatrix modules;
        try {
            modules = Encoder.encode(content, ErrorCorrectionLevel.M).getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot make a QR code of this link: " + e.getMessage(), e);
        }
        int size = modules.getWidth();
        StringBuilder out = new StringBuilder();
        for (int y = -QUIET_ZONE; y < size + QUIET_ZONE; y += 2) {
            for (int x = -QUIET_ZONE; x < size + QUIET_ZONE; x++) {
                boolean top = inked(modules, x, y, background);
                boolean bottom = y + 1 < size + QUIET_ZONE && inked(modules, x, y + 1, background);
                out.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Whether the cell at (x, y), quiet zone included, is drawn with a block. */
    private static boolean inked(ByteMatrix modules, int x, int y, Background background) {
        int size = modules.getWidth();
        boolean dark = x >= 0 && y >= 0 && x < size && y < size && modules.get(x, y) == 1;
        return background == Background.DARK ? !dark : dark;
    }
}
