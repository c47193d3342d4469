package dev.turnpike.nodes.http;

/** A node's complete (size-capped) answer: the status and the raw body. */
public record NodeResponse(int status, byte[] body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
