package io.sluice.ingress;

import io.netty.handler.codec.http.FullHttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Batch API's handlers share: the file store, the batch command log and board, the
 * budget check, the limits, the one thread their blocking work runs on (Kafka reads and
 * transactions never run on an event loop), and a small bounded pool for file downloads, which
 * last as long as the client takes to read, so that they never hold up the other calls.
 */
record BatchApi(
        ApiKeyAuthenticator auth,
        ModelCatalog models,
        ChatRequestParser parser,
        FileStore files,
        BatchLog log,
        BatchBoard board,
        BatchBudget budget,
        BatchLimits limits,
        Executor worker,
        Executor downloads,
        Clock clock) {

    private static final Logger logger = LoggerFactory.getLogger(BatchApi.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    BatchLines lines() {
        return new BatchLines(parser);
    }

    /** A new random id: {@code prefix} and 24 hex digits. */
    static String newId(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    /**
     * Runs {@code work} on the worker and answers with what it returns; an {@link ApiException}
     * or a refused write is answered as its error, anything else as a 500.
     */
    void answerLater(Exchange exchange, Supplier<FullHttpResponse> work) {
        try {
            worker.execute(() -> {
                try {
                    exchange.respond(work.get());
                } catch (ApiException e) {
                    exchange.respond(e.error());
                } catch (RequestSubmitter.SubmitException e) {
                    logger.warn("batch.kafka_refused route={} error={}", exchange.route(), e.toString());
                    exchange.respond(e.error());
                } catch (RuntimeException | OutOfMemoryError e) {
                    logger.error("batch.failed route={}", exchange.route(), e);
                    exchange.respond(ApiError.internal());
                }
            });
        } catch (RejectedExecutionException e) {
            exchange.respond(ApiError.shuttingDown());
        }
    }

    /**
     * Streams a body of {@code contentType} that {@code body} produces piece by piece on the worker
     * (for example a file read from Kafka chunk by chunk): the head goes out with the first piece,
     * each piece is written only while the connection keeps up (so memory stays bounded whatever the
     * size), and a failure after the head closes the connection without ending the chunked body, so
     * that no client takes a truncated file for a whole one. A client that goes away stops the work.
     */
    void streamLater(Exchange exchange, String contentType, Consumer<Consumer<byte[]>> body) {
        try {
            downloads.execute(() -> {
                var piece = new StreamedPieces(exchange, contentType);
                try {
                    body.accept(piece::write);
                    piece.end();
                } catch (StreamedPieces.ClientGone e) {
                    logger.info("batch.client_gone route={}", exchange.route());
                } catch (StreamedPieces.Stalled e) {
                    logger.info("batch.client_stalled route={}", exchange.route());
                    piece.fail(ApiError.internal());
                } catch (RuntimeException | OutOfMemoryError e) {
                    logger.error("batch.stream_failed route={}", exchange.route(), e);
                    piece.fail(e instanceof ApiException api ? api.error() : ApiError.internal());
                }
            });
        } catch (RejectedExecutionException e) {
            exchange.respond(new ApiError(503, io.sluice.schemas.ErrorTypes.SERVICE_UNAVAILABLE, "too_many_downloads",
                    "Too many file downloads are running. Please retry.", null, 1L));
        }
    }
}
