package io.sluice.ingress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Netty's request decoder with its strict settings (CRLF line endings only, no duplicate
 * {@code Content-Length}, no {@code Content-Length} next to {@code Transfer-Encoding}, chunked as the
 * final coding) plus the one check it lacks: a header line folded onto the previous one (obs-fold,
 * a line starting with a space or tab) is refused instead of joined, as RFC 9112 section 5.2
 * allows; a folded {@code Transfer-Encoding} or {@code Content-Length} is a classic way to make two
 * servers disagree on where a request ends.
 *
 * <p>The head of each request is scanned once, byte by byte, before the decoder parses it: while a
 * head is being read, {@code decode} is handed bytes from where the decoder stands, and the bytes
 * already scanned are remembered as a count from there. A refused head becomes one failed request
 * (which the router answers 400 and closes) and everything after it is dropped, so no second
 * request is ever parsed from the bytes of the first.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /** Reading a head (or waiting for one); false while the body of a parsed head is read. */
    private boolean inHead = true;
    /** Bytes past the reader index that were scanned in an earlier call. */
    private int scannedAhead;
    /** The current head has had a non-empty line (its request line). */
    private boolean sawLine;
    /** The last byte scanned ended a line. */
    private boolean atLineStart = true;
    /** Bytes of the current line other than CR. */
    private int lineLength;
    /** The blank line ending the current head was scanned: the rest is the decoder's to read. */
    private boolean headComplete;
    private boolean refused;

    StrictRequestDecoder(HttpDecoderConfig config) {
        super(config.clone().setStrictLineParsing(true).setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int scanEnd = in.writerIndex();
        if (inHead && !headComplete) {
            int from = in.readerIndex() + scannedAhead;
            scanEnd = scanHead(in, from, in.writerIndex());
            if (scanEnd < 0) {
                refuse(in, out);
                return;
            }
        }
        int before = out.size();
        super.decode(ctx, in, out);
        for (int i = before; i < out.size(); i++) {
            Object decoded = out.get(i);
            if (decoded instanceof HttpRequest) {
                inHead = false;
            }
            if (decoded instanceof LastHttpContent) {
                startHead();
            }
        }
        // bytes scanned but not consumed are remembered only while the same head is still being read
        scannedAhead = inHead && out.size() == before ? Math.max(0, scanEnd - in.readerIndex()) : 0;
    }

    /**
     * Scans {@code [from, to)} of a head; returns where scanning stopped (the end of the head or
     * {@code to}), or -1 for a folded line.
     */
    private int scanHead(ByteBuf in, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = in.getByte(i);
            if (b == LF) {
                if (lineLength == 0 && sawLine) {
                    headComplete = true;
                    return i + 1;
                }
                sawLine |= lineLength > 0;
                lineLength = 0;
                atLineStart = true;
            } else if (b != CR) {
                if (atLineStart && sawLine && (b == ' ' || b == '\t')) {
                    return -1;
                }
                atLineStart = false;
                lineLength++;
            }
        }
        return to;
    }

    private void startHead() {
        inHead = true;
        headComplete = false;
        scannedAhead = 0;
        sawLine = false;
        atLineStart = true;
        lineLength = 0;
    }

    private void refuse(ByteBuf in, List<Object> out) {
        refused = true;
        in.skipBytes(in.readableBytes());
        var invalid = new DefaultFullHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/bad-request",
                Unpooled.EMPTY_BUFFER);
        invalid.setDecoderResult(DecoderResult.failure(new ObsFoldException()));
        out.add(invalid);
    }

    /** A header line folded onto the previous one. */
    static final class ObsFoldException extends IllegalArgumentException {
        ObsFoldException() {
            super("a header line starts with whitespace (obs-fold)");
        }
    }
}
