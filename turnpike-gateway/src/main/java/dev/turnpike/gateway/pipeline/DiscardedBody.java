package dev.turnpike.gateway.pipeline;

import dev.turnpike.gateway.proxy.Downstream;
import dev.turnpike.gateway.proxy.DownstreamListener;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The body of a request the gateway answered itself: read and dropped so the connection can serve the
 * next request, up to a limit past which closing is cheaper.
 */
final class DiscardedBody implements DownstreamListener {

    private static final long MAX_DISCARDED = 1 << 20;

    private final Downstream down;
    private long discarded;

    DiscardedBody(Downstream down) {
        this.down = down;
    }

    @Override
    public void onContent(HttpContent content) {
        discarded += content.content().readableBytes();
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (last) {
            down.finished(true);
        } else if (discarded > MAX_DISCARDED) {
            down.finished(false);
        } else {
            down.readMore();
        }
    }

    @Override
    public void onWritabilityChanged() {
    }

    @Override
    public void onClosed() {
    }
}
