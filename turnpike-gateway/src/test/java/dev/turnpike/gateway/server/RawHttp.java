package dev.turnpike.gateway.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Sends bytes the JDK client would refuse to send, and reads the answer until the server closes or 2 s pass. */
final class RawHttp {
    private RawHttp() {}

    static String exchange(String base, String request) throws IOException {
        URI uri = URI.create(base);
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            return exchange(s, request);
        }
    }

    /** The same on a connected socket (a TLS one, say), which stays open. */
    static String exchange(Socket s, String request) throws IOException {
        s.setSoTimeout(2000);
        s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                if (out.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n") && complete(out)) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
            // answered and kept open, or reset after the answer: what was read is the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean complete(ByteArrayOutputStream out) {
        String text = out.toString(StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        int cl = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
        if (cl < 0 || cl > headEnd) {
            return false;
        }
        int eol = text.indexOf("\r\n", cl);
        int length = Integer.parseInt(text.substring(cl + 15, eol).trim());
        return text.length() - headEnd - 4 >= length;
    }

    /**
     * Sends {@code request} and reads until the server closes the connection; fails if it is still open after
     * 3 s. Returns what was read.
     */
    static String exchangeUntilClosed(String base, String request) throws IOException {
        URI uri = URI.create(base);
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(3000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                s.getInputStream().transferTo(out);
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("the server left the connection open after answering: " + out, e);
            } catch (java.net.SocketException e) {
                // reset after the answer: closed all the same
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
