package io.sluice.ingress;

import io.micrometer.core.instrument.Timer;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.sluice.avro.AiReply;
import io.sluice.avro.AiRequest;
import io.sluice.avro.AiResponse;
import io.sluice.avro.Priority;
import io.sluice.avro.ReplyAddress;
import io.sluice.avro.ReplyKind;
import io.sluice.avro.ResponseStatus;
import io.sluice.schemas.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/chat/completions}: authenticates, validates, submits the request to Kafka and
 * answers when its FINAL reply arrives, or with a 504 after the request timeout. With
 * {@code stream: true} it answers with server-sent events from the CHUNK replies ({@link ChatStream}).
 * All state is touched on the channel's event loop; reply and failure callbacks hop onto it.
 */
final class ChatCompletionsHandler implements RouteTable.Handler {
    private static final Logger log = LoggerFactory.getLogger(ChatCompletionsHandler.class);
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REQUEST_ID = "x-request-id";
    /** Where a request's {@code Cache-Control} header travels to the gateway, as request metadata. */
    static final String CACHE_CONTROL = "cache-control";
    private static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final Consumer<AiReply> IGNORE_CHUNK = chunk -> { };

    private final ApiKeyAuthenticator auth;
    private final ModelCatalog catalog;
    private final ChatRequestParser parser;
    private final RequestSubmitter submitter;
    private final IngressMetrics metrics;
    private final Clock clock;
    private final Duration timeout;
    private final String replyTopic;
    private final int replyPartition;

    ChatCompletionsHandler(ApiKeyAuthenticator auth, ModelCatalog catalog, ChatRequestParser parser,
                           RequestSubmitter submitter, IngressMetrics metrics, Clock clock, Duration timeout,
                           String replyTopic, int replyPartition) {
        this.auth = auth;
        this.catalog = catalog;
        this.parser = parser;
        this.submitter = submitter;
        this.metrics = metrics;
        this.clock = clock;
        this.timeout = timeout;
        this.replyTopic = replyTopic;
        this.replyPartition = replyPartition;
    }

    @Override
    public void handle(Exchange exchange) {
        Timer.Sample sample = metrics.startTimer();
        FullHttpRequest http = exchange.request();
        ApiKey key;
        try {
            key = Authentication.tenantKey(auth, exchange);
        } catch (ApiException e) {
            reject(exchange, sample, Telemetry.OTHER_MODEL, e.error());
            return;
        }
        if (!isJson(http.headers().get(HttpHeaderNames.CONTENT_TYPE))) {
            reject(exchange, sample, Telemetry.OTHER_MODEL, ApiError.unsupportedMediaType());
            return;
        }
        String idempotencyKey = http.headers().get(IDEMPOTENCY_KEY);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            reject(exchange, sample, Telemetry.OTHER_MODEL, ApiError.invalidValue(
                    "The Idempotency-Key header must be 1.." + MAX_IDEMPOTENCY_KEY + " characters.", IDEMPOTENCY_KEY));
            return;
        }
        ChatCompletionRequest request;
        try {
            request = parser.parse(http.content());
        } catch (ApiException e) {
            if (ChatRequestParser.PRIVILEGED_CODE.equals(e.error().code())) {
                log.warn("chat.privileged_parameter tenant={} key_id={} param={}", key.tenantId(), key.id(),
                        e.error().param());
            }
            reject(exchange, sample, Telemetry.OTHER_MODEL, e.error());
            return;
        }
        // a model outside the key's scope is answered like one that does not exist: the key learns nothing more
        if (!catalog.contains(request.model()) || !key.allowsModel(request.model())) {
            reject(exchange, sample, Telemetry.OTHER_MODEL, ApiError.modelNotFound(request.model()));
            return;
        }
        submit(exchange, sample, toAiRequest(request, key, idempotencyKey, http.headers().get(CACHE_CONTROL)));
    }

    private AiRequest toAiRequest(ChatCompletionRequest request, ApiKey key, String idempotencyKey,
            String cacheControl) {
        var metadata = request.metadata();
        if (cacheControl != null && !cacheControl.isBlank()) {
            metadata = new java.util.LinkedHashMap<>(metadata);
            metadata.put(CACHE_CONTROL, cacheControl.length() > 256 ? cacheControl.substring(0, 256) : cacheControl);
        }
        return requestOf(request, key)
                .setRequestId(RequestIds.chatCompletion(key.sha256(), request.model()))
                .setPriority(Priority.INTERACTIVE)
                .setReplyTo(ReplyAddress.newBuilder().setTopic(replyTopic).setPartition(replyPartition).build())
                .setReceivedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .setIdempotencyKey(idempotencyKey)
                .setMetadata(metadata)
                .build();
    }

    /** What a validated body and its key say about a request; the caller adds its id, priority, time and addresses. */
    static AiRequest.Builder requestOf(ChatCompletionRequest request, ApiKey key) {
        return AiRequest.newBuilder()
                .setTenantId(key.tenantId())
                .setAppId(key.appId())
                .setApiKeyId(key.id())
                .setUser(request.user())
                .setModel(request.model())
                .setMessages(request.messages())
                .setParams(request.params())
                .setStream(request.stream())
                .setStreamIncludeUsage(request.streamIncludeUsage())
                .setMetadata(request.metadata())
                .setPrompt(request.prompt());
    }

    private void submit(Exchange exchange, Timer.Sample sample, AiRequest request) {
        var inFlight = new InFlight(exchange, sample, request);
        metrics.inFlightIncrement();
        CompletableFuture<AiReply> reply;
        try {
            reply = submitter.submit(request, request.getStream() ? inFlight::chunkRead : IGNORE_CHUNK);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        log.debug("chat.submitted request_id={} tenant={} app={} model={} stream={}", request.getRequestId(),
                request.getTenantId(), request.getAppId(), request.getModel(), request.getStream());
        inFlight.armTimer();
        exchange.onAbandon(inFlight::abandoned);
        reply.whenComplete((r, error) -> inFlight.onEventLoop(() -> inFlight.completed(r, error)));
    }

    private void reject(Exchange exchange, Timer.Sample sample, String model, ApiError error) {
        metrics.chatAnswered(sample, model, null, error);
        exchange.respond(error);
    }

    /**
     * One submitted request until it is answered, timed out or abandoned; event-loop confined. The
     * timeout runs until the first byte of the answer, then again from each streamed chunk.
     */
    private final class InFlight {
        final Exchange exchange;
        final Timer.Sample sample;
        final String requestId;
        final String tenant;
        final String model;
        /** Null unless the client asked for server-sent events. */
        final ChatStream stream;
        ScheduledFuture<?> timer;

        InFlight(Exchange exchange, Timer.Sample sample, AiRequest request) {
            this.exchange = exchange;
            this.sample = sample;
            this.requestId = request.getRequestId();
            this.tenant = request.getTenantId();
            this.model = request.getModel();
            this.stream = request.getStream()
                    ? new ChatStream(exchange, new OpenAiJson.ChunkHead(requestId,
                            request.getReceivedAt().getEpochSecond(), model, request.getStreamIncludeUsage()))
                    : null;
        }

        void onEventLoop(Runnable task) {
            try {
                exchange.executor().execute(task);
            } catch (RejectedExecutionException e) {
                log.debug("chat.reply_after_shutdown request_id={}", requestId);
            }
        }

        void armTimer() {
            if (timer != null) {
                timer.cancel(false);
            }
            timer = exchange.executor().schedule(this::timedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Called on the reply-reading thread. */
        void chunkRead(AiReply chunk) {
            onEventLoop(() -> chunkArrived(chunk));
        }

        private void chunkArrived(AiReply chunk) {
            if (exchange.answered()) {
                return;
            }
            boolean first = !stream.started();
            if (!stream.chunk(chunk)) {
                log.debug("chat.chunk_replayed request_id={} sequence={}", requestId, chunk.getSequence());
                return;
            }
            if (first) {
                metrics.firstToken(sample, model);
            }
            armTimer();
        }

        void completed(AiReply reply, Throwable error) {
            if (exchange.answered()) {
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof CancellationException) {
                return;
            }
            AiResponse response = null;
            ApiError failure;
            if (cause instanceof RequestSubmitter.SubmitException notAnswered) {
                failure = notAnswered.error();
            } else if (cause != null) {
                log.error("chat.failed request_id={} tenant={}", requestId, tenant, cause);
                failure = ApiError.internal();
            } else {
                response = reply.getKind() == ReplyKind.FINAL ? reply.getResponse() : null;
                failure = failureOf(reply, response);
            }
            log.debug("chat.answered request_id={} tenant={} status={} streamed={}", requestId, tenant,
                    failure == null ? 200 : failure.status(), stream != null && stream.started());
            if (stream == null || failure != null && !stream.started()) {
                answer(render(response, failure), response, failure);
            } else if (failure == null) {
                boolean first = !stream.started();
                stream.succeed(response);
                if (first) {
                    metrics.firstToken(sample, model);
                }
                finish(response, null);
            } else {
                stream.fail(failure);
                finish(response, failure);
            }
        }

        /** Null for a SUCCESS response; otherwise the error its client gets. */
        private ApiError failureOf(AiReply reply, AiResponse response) {
            if (response == null) {
                log.error("chat.bad_reply request_id={} tenant={} kind={}", requestId, tenant, reply.getKind());
                return ApiError.internal();
            }
            if (response.getStatus() == ResponseStatus.SUCCESS) {
                return null;
            }
            if (response.getError() != null) {
                return ApiError.from(response.getError());
            }
            log.error("chat.error_without_detail request_id={} tenant={} status={}", requestId, tenant,
                    response.getStatus());
            return ApiError.internal();
        }

        private FullHttpResponse render(AiResponse response, ApiError failure) {
            FullHttpResponse http = failure == null
                    ? HttpResponses.json(HttpResponseStatus.OK, OpenAiJson.chatCompletion(response))
                    : HttpResponses.error(failure);
            ResponseHeaders.apply(http, response);
            return http;
        }

        void timedOut() {
            if (exchange.answered()) {
                return;
            }
            submitter.cancel(requestId, RequestSubmitter.TIMED_OUT);
            if (stream != null && stream.started()) {
                log.warn("chat.stream_idle_timeout request_id={} tenant={} model={} timeout_ms={}", requestId, tenant,
                        model, timeout.toMillis());
                stream.fail(ApiError.streamIdleTimeout());
                finish(null, ApiError.streamIdleTimeout());
                return;
            }
            log.warn("chat.timeout request_id={} tenant={} model={} timeout_ms={}", requestId, tenant, model,
                    timeout.toMillis());
            answer(HttpResponses.error(ApiError.gatewayTimeout()), null, ApiError.gatewayTimeout());
        }

        void abandoned() {
            timer.cancel(false);
            submitter.cancel(requestId, RequestSubmitter.CLIENT_CLOSED);
            metrics.inFlightDecrement();
            metrics.chatAbandoned(sample, model);
            log.debug("chat.client_gone request_id={} tenant={} streamed={}", requestId, tenant,
                    stream != null && stream.started());
        }

        /** {@code response}, the pipeline's answer if there was one, and {@code failure} are for the meters. */
        private void answer(FullHttpResponse http, AiResponse response, ApiError failure) {
            http.headers().set(REQUEST_ID, requestId);
            finish(response, failure);
            exchange.respond(http);
        }

        private void finish(AiResponse response, ApiError failure) {
            timer.cancel(false);
            metrics.inFlightDecrement();
            metrics.chatAnswered(sample, model, response, failure);
        }
    }

    /** {@code application/json}, optionally with a UTF-8 charset. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        CharSequence mime = HttpUtil.getMimeType(contentType);
        if (mime == null || !HttpResponses.JSON.equalsIgnoreCase(mime.toString().strip())) {
            return false;
        }
        CharSequence charset = HttpUtil.getCharsetAsSequence(contentType);
        if (charset == null) {
            return true;
        }
        String name = charset.toString().strip().replace("\"", "");
        return name.equalsIgnoreCase("utf-8") || name.equalsIgnoreCase("utf8");
    }
}
