package io.sluice.ingress;

/** Thrown by request parsing to stop at the first problem; carries the {@link ApiError} to answer. */
final class ApiException extends RuntimeException {
    private final transient ApiError error;

    ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
