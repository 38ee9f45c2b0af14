package dev.tgdl.cli;

import io.nayuki.qrcodegen.QrCode;

/**
 * Renders a QR code as text with half-block characters: two modules per character cell, so the
 * code stays square in a terminal. Light on dark and dark on light terminals both scan, because
 * the code is drawn with an explicit quiet zone of light modules.
 */
final class QrCodes {

    private static final int QUIET_ZONE = 2;

    private QrCodes() {
    }

    static String render(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.LOW);
        int size = qr.size;
        StringBuilder out = new StringBuilder();
        for (int y = -QUIET_ZONE; y < size + QUIET_ZONE; y += 2) {
            for (int x = -QUIET_ZONE; x < size + QUIET_ZONE; x++) {
                boolean top = dark(qr, x, y);
                boolean bottom = dark(qr, x, y + 1);
                // a light module is drawn as a filled block: the terminal background shows the dark ones
                out.append(!top && !bottom ? '█' : !top ? '▀' : !bottom ? '▄' : ' ');
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static boolean dark(QrCode qr, int x, int y) {
        return x >= 0 && y >= 0 && x < qr.size && y < qr.size && qr.getModule(x, y);
    }
}
