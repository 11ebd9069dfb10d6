package io.sluice.ingress;

import io.sluice.avro.ErrorInfo;
import io.sluice.schemas.ErrorTypes;

/**
 * An error as the client sees it, in the OpenAI shape, with the HTTP status it is answered with.
 * Every error the ingress answers is one of these; {@link OpenAiJson#error} renders them.
 */
record ApiError(int status, String type, String code, String message, String param, Long retryAfterSeconds) {
    static final String UNSUPPORTED_PARAMETER = "unsupported_parameter";
    private static final int MAX_ECHO = 128;

    ApiError {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status must be 4xx or 5xx, was " + status);
        }
        if (type == null || message == null) {
            throw new IllegalArgumentException("an error needs a type and a message");
        }
    }

    static ApiError invalidRequest(String message, String param, String code) {
        return new ApiError(400, ErrorTypes.INVALID_REQUEST, code, message, param, null);
    }

    static ApiError invalidValue(String message, String param) {
        return invalidRequest(message, param, "invalid_value");
    }

    static ApiError invalidType(String param, String expected) {
        return invalidRequest("Invalid type for '" + param + "': expected " + expected + ".", param, "invalid_type");
    }

    static ApiError unsupportedParameter(String param) {
        return invalidRequest("'" + param + "' is not supported yet.", param, UNSUPPORTED_PARAMETER);
    }

    static ApiError unknownParameter(String param) {
        return invalidRequest("Unrecognized request argument supplied: " + echo(param), param, "unknown_parameter");
    }

    static ApiError invalidJson(String reason) {
        return invalidRequest("We could not parse the JSON body of your request: " + reason, null, "invalid_json");
    }

    static ApiError invalidApiKey() {
        return new ApiError(401, ErrorTypes.INVALID_REQUEST, "invalid_api_key",
                "Invalid or missing API key. Send it as 'Authorization: Bearer <key>'.", null, null);
    }

    static ApiError unsupportedMediaType() {
        return new ApiError(415, ErrorTypes.INVALID_REQUEST, "unsupported_media_type",
                "Content-Type must be application/json (UTF-8).", null, null);
    }

    static ApiError payloadTooLarge(int maxBytes) {
        return tooLarge("The request body is larger than the " + maxBytes + " bytes this gateway accepts.");
    }

    /** The body was accepted, but the record it makes is larger than the requests topic takes. */
    static ApiError recordTooLarge() {
        return tooLarge("The request is larger than this gateway can accept.");
    }

    private static ApiError tooLarge(String message) {
        return new ApiError(413, ErrorTypes.INVALID_REQUEST, "request_too_large", message, null, null);
    }

    static ApiError modelNotFound(String model) {
        return new ApiError(404, ErrorTypes.INVALID_REQUEST, "model_not_found",
                "The model `" + echo(model) + "` does not exist or you do not have access to it.", "model", null);
    }

    static ApiError notFound(String method, String path) {
        return new ApiError(404, ErrorTypes.INVALID_REQUEST, "not_found",
                "Invalid URL (" + method + " " + echo(path) + ")", null, null);
    }

    static ApiError methodNotAllowed(String method, String path) {
        return new ApiError(405, ErrorTypes.INVALID_REQUEST, "method_not_allowed",
                "Method " + method + " is not allowed on " + echo(path) + ".", null, null);
    }

    static ApiError badHttp() {
        return new ApiError(400, ErrorTypes.INVALID_REQUEST, "bad_request", "The HTTP request could not be decoded.",
                null, null);
    }

    /** The answer to a request the HTTP decoder refused, by what it refused. */
    static ApiError badHttp(Throwable cause) {
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
            return headersTooLarge();
        }
        if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
            return uriTooLong();
        }
        return badHttp();
    }

    /** A good tenant key used from an address outside its tenant's {@code allowed-ips}. */
    static ApiError ipNotAllowed() {
        return new ApiError(403, ErrorTypes.PERMISSION_DENIED, "ip_not_allowed",
                "Requests with this API key are not allowed from your IP address.", null, null);
    }

    /** The request's head and body did not arrive within {@code ingress.read-deadline}. */
    static ApiError requestTimeout() {
        return new ApiError(408, ErrorTypes.INVALID_REQUEST, "request_timeout",
                "The request was not received in time.", null, null);
    }

    static ApiError uriTooLong() {
        return new ApiError(414, ErrorTypes.INVALID_REQUEST, "uri_too_long",
                "The request line is longer than this gateway accepts.", null, null);
    }

    static ApiError headersTooLarge() {
        return new ApiError(431, ErrorTypes.INVALID_REQUEST, "request_header_fields_too_large",
                "The request headers are larger than this gateway accepts.", null, null);
    }

    /** Compressed bodies are refused rather than inflated: a small body cannot become a large one. */
    static ApiError unsupportedContentEncoding() {
        return new ApiError(415, ErrorTypes.INVALID_REQUEST, "unsupported_content_encoding",
                "Content-Encoding is not supported; send the body uncompressed.", null, null);
    }

    static ApiError unsupportedTransferEncoding() {
        return new ApiError(501, ErrorTypes.INVALID_REQUEST, "unsupported_transfer_encoding",
                "Only the chunked transfer coding is supported.", null, null);
    }

    static ApiError httpVersionNotSupported() {
        return new ApiError(505, ErrorTypes.INVALID_REQUEST, "http_version_not_supported",
                "Only HTTP/1.1 and HTTP/1.0 are supported.", null, null);
    }

    static ApiError expectationFailed() {
        return new ApiError(417, ErrorTypes.INVALID_REQUEST, "expectation_failed",
                "Only 'Expect: 100-continue' is supported.", null, null);
    }

    static ApiError gatewayTimeout() {
        return new ApiError(504, ErrorTypes.TIMEOUT, "gateway_timeout",
                "The request timed out waiting for the model's answer.", null, null);
    }

    /** Sent as the last event of a stream whose model went quiet for longer than the request timeout. */
    static ApiError streamIdleTimeout() {
        return new ApiError(504, ErrorTypes.TIMEOUT, "gateway_timeout",
                "The model stopped sending its answer for longer than the request timeout.", null, null);
    }

    static ApiError kafkaUnavailable() {
        return new ApiError(503, ErrorTypes.SERVER_ERROR, "kafka_unavailable",
                "The gateway could not accept the request right now. Please retry.", null, 1L);
    }

    /** Answered while the ingress stops: to new requests, and to those still waiting once the drain ends. */
    static ApiError shuttingDown() {
        return new ApiError(503, ErrorTypes.SERVER_ERROR, "shutting_down",
                "The gateway is shutting down. Please retry.", null, 1L);
    }

    static ApiError internal() {
        return new ApiError(500, ErrorTypes.SERVER_ERROR, "internal_error",
                "The gateway failed to process the request.", null, null);
    }

    /** The error a pipeline stage decided, as carried on the reply. */
    static ApiError from(ErrorInfo info) {
        int status = info.getHttpStatus();
        if (status < 400 || status > 599) {
            status = 500;
        }
        return new ApiError(status, info.getType(), info.getCode(), info.getMessage(), info.getParam(),
                info.getRetryAfterSeconds());
    }

    /** Client text echoed in a message is cut short so that an error never carries a payload back. */
    private static String echo(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
    }
}
