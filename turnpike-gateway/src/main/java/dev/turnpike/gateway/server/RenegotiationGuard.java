package dev.turnpike.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import javax.net.ssl.SSLException;

/**
 * Refuses a client's TLS renegotiation. On TLS 1.2 a client may start a new handshake on an established connection
 * at any time, and each one costs the server a handshake's public-key work: one connection can keep a core busy.
 * The JDK's TLS accepts them unless {@code jdk.tls.rejectClientInitiatedRenegotiation} is set, a switch for the
 * whole JVM that the JDK reads once, at the first server handshake of the process. So this handler, in front of
 * the TLS handler, refuses them per connection instead: it reads the headers of the records the client sends (never
 * their content) and closes the connection at a client handshake record that can only begin a new handshake: the
 * second one after the client's ChangeCipherSpec (the first is its Finished). TLS 1.3 has no renegotiation and
 * hides record types once encrypted, so there the rule never fires (its ChangeCipherSpec is a compatibility dummy,
 * and the one plain handshake record that may follow it is a second ClientHello after a HelloRetryRequest).
 */
final class RenegotiationGuard extends ChannelInboundHandlerAdapter {

    private static final int HEADER_LENGTH = 5;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int HANDSHAKE = 22;

    private final ClientErrors clientErrors;
    private final byte[] header = new byte[HEADER_LENGTH];
    private int headerRead;
    /** Bytes of the current record's body not yet seen. */
    private int bodyLeft;
    private boolean changeCipherSpecSeen;
    private int handshakesSinceChangeCipherSpec;
    private boolean refused;

    RenegotiationGuard(ClientErrors clientErrors) {
        this.clientErrors = clientErrors;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused || (msg instanceof ByteBuf bytes && !allowed(bytes))) {
            ReferenceCountUtil.release(msg);
            if (!refused) {
                refused = true;
                clientErrors.failed(ctx.channel(), new SSLException("client-initiated TLS renegotiation refused"));
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Follows the record headers in {@code bytes} (without reading it); false at a renegotiation. */
    private boolean allowed(ByteBuf bytes) {
        int i = bytes.readerIndex();
        int end = bytes.writerIndex();
        while (i < end) {
            if (bodyLeft > 0) {
                int skipped = Math.min(bodyLeft, end - i);
                bodyLeft -= skipped;
                i += skipped;
                continue;
            }
            header[headerRead++] = bytes.getByte(i++);
            if (headerRead == HEADER_LENGTH) {
                headerRead = 0;
                bodyLeft = (header[3] & 0xff) << 8 | header[4] & 0xff;
                if (!allowedRecord(header[0] & 0xff)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean allowedRecord(int type) {
        if (type == CHANGE_CIPHER_SPEC) {
            changeCipherSpecSeen = true;
        } else if (type == HANDSHAKE && changeCipherSpecSeen) {
            return ++handshakesSinceChangeCipherSpec <= 1;
        }
        return true;
    }
}
