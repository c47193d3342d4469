package dev.turnpike.gateway.pipeline;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/** Maps what the HTTP decoder refused to a client error; never a 500, never the exception's text. */
final class BadRequests {

    private BadRequests() {}

    static FullHttpResponse responseFor(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return Responses.badRequest(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "the request headers are too large");
        }
        if (cause instanceof TooLongHttpLineException) {
            return Responses.badRequest(HttpResponseStatus.REQUEST_URI_TOO_LONG, "the request line is too long");
        }
        if (cause instanceof TooLongFrameException) {
            return Responses.badRequest(HttpResponseStatus.BAD_REQUEST, "a part of the request is too large");
        }
        return Responses.badRequest(HttpResponseStatus.BAD_REQUEST, "the request is not valid HTTP");
    }
}
