package io.sluice.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Builds the same POST again and again: the body bytes and the headers are prepared once. */
final class RequestTemplate {

    private final String uri;
    private final ByteBuf body;
    private final HttpHeaders headers;
    private final boolean streamed;
    private final HttpTarget.Mark mark;

    RequestTemplate(HttpTarget target) {
        this.streamed = target.streamed();
        this.mark = target.mark();
        this.uri = target.pathAndQuery();
        byte[] bytes = target.body().getBytes(StandardCharsets.UTF_8);
        this.body = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly());
        HttpHeaders h = new DefaultHttpHeaders();
        h.set(HttpHeaderNames.HOST, target.url().getHost() + ":" + target.port());
        h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        h.set(HttpHeaderNames.ACCEPT, streamed ? HttpHeaderValues.TEXT_EVENT_STREAM : HttpHeaderValues.APPLICATION_JSON);
        target.headers().forEach(h::set);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        this.headers = h;
    }

    /** Whether the answers are server-sent events. */
    boolean streamed() {
        return streamed;
    }

    /** The header that marks an answer to count, or null. */
    HttpTarget.Mark mark() {
        return mark;
    }

    /** A fresh request sharing the read-only body; the encoder only reads the headers. */
    FullHttpRequest next() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri, body.duplicate(),
                headers.copy(), EmptyHttpHeaders.INSTANCE);
    }
}
