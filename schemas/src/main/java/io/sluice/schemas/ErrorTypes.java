package io.sluice.schemas;

/**
 * The {@code error.type} values Sluice answers with (the OpenAI error shape's {@code type}), shared
 * by every component that builds an {@code ErrorInfo} or an HTTP error.
 */
public final class ErrorTypes {
    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String AUTHENTICATION = "authentication_error";
    public static final String PERMISSION_DENIED = "permission_denied";
    public static final String NOT_FOUND = "not_found_error";
    public static final String RATE_LIMIT_EXCEEDED = "rate_limit_exceeded";
    public static final String SERVER_ERROR = "server_error";
    public static final String UPSTREAM_ERROR = "upstream_error";
    public static final String TIMEOUT = "timeout";
    /** No deployment can take the call right now (all circuits open, say); answered 503. */
    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    /** The requester went away before the answer; recorded as 499, never sent. */
    public static final String CANCELLED = "cancelled";

    private ErrorTypes() {}
}
