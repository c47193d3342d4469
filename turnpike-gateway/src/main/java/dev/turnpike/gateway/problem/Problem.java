package dev.turnpike.gateway.problem;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * An RFC 9457 problem detail, answered as {@code application/problem+json}. Built fluently, then turned
 * into a response; the detail is always a fixed sentence or a reason, never an exception message.
 */
public final class Problem {

    private static final String TYPE_BASE = "https://turnpike.dev/problems/";

    private final HttpResponseStatus status;
    private final StringBuilder json = new StringBuilder(160);
    private long retryAfterSeconds = -1;

    private Problem(HttpResponseStatus status, String type, String title, String detail) {
        this.status = status;
        json.append("{\"type\":");
        Json.string(json, TYPE_BASE + type);
        json.append(",\"title\":");
        Json.string(json, title);
        json.append(",\"status\":").append(status.code()).append(",\"detail\":");
        Json.string(json, detail);
    }

    /** A problem with {@code status}, a type slug (e.g. {@code payment-required}) and a detail sentence. */
    public static Problem of(HttpResponseStatus status, String type, String detail) {
        return new Problem(status, type, status.reasonPhrase(), detail);
    }

    /** An extension member with a string value. */
    public Problem member(String name, String value) {
        json.append(',');
        Json.string(json, name);
        json.append(':');
        Json.string(json, value);
        return this;
    }

    /** An extension member with a number value. */
    public Problem member(String name, long value) {
        json.append(',');
        Json.string(json, name);
        json.append(':').append(value);
        return this;
    }

    /** Adds {@code Retry-After} (seconds, at least 1) to the response. */
    public Problem retryAfter(long seconds) {
        this.retryAfterSeconds = Math.max(1, seconds);
        return this;
    }

    public HttpResponseStatus status() {
        return status;
    }

    /** The response: problem+json body, {@code Cache-Control: no-store}, and Retry-After if set. */
    public FullHttpResponse toResponse() {
        byte[] body = (json + "}").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (retryAfterSeconds > 0) {
            r.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
        }
        return r;
    }
}
