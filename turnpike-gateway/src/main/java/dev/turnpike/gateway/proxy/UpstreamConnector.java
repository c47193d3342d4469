package dev.turnpike.gateway.proxy;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * Hands out channels to one upstream that speak HTTP/1-style objects and end in an {@link UpstreamHandler}.
 * Pools are per event loop and touched only from their loop, so there is no locking and no thread hop.
 */
interface UpstreamConnector {

    /** Called on {@code loop}; {@code callback} runs on it too. */
    void acquire(EventLoop loop, Acquired callback);

    /** Gives the channel back: kept for reuse if {@code reusable}, else closed. Called on its loop. */
    void release(Channel upstream, boolean reusable);

    /** The Host header value the upstream expects. */
    String authority();
}
