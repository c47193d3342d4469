package dev.turnpike.gateway.proxy;

import io.netty.channel.Channel;

/** Callback of {@link UpstreamConnector#acquire}: called on the event loop that asked. */
interface Acquired {
    void acquired(Channel upstream);

    void failed(Throwable cause);
}
