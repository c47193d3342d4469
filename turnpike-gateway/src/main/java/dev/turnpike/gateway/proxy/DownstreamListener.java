package dev.turnpike.gateway.proxy;

import io.netty.handler.codec.http.HttpContent;

/** Receives what happens on the client side of an exchange after its request head. */
public interface DownstreamListener {

    /** A piece of the request body; the listener owns (releases or forwards) it. */
    void onContent(HttpContent content);

    /** The client connection's writability changed. */
    void onWritabilityChanged();

    /** The client went away. */
    void onClosed();
}
