package io.sluice.processors.provider;

import io.sluice.avro.Choice;
import io.sluice.avro.Usage;
import io.sluice.schemas.ErrorTypes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** What a provider call produced: a {@link Completion} or a {@link ProviderError}. */
public sealed interface ProviderResult permits ProviderResult.Completion, ProviderResult.ProviderError {

    /**
     * A successful completion.
     *
     * @param responseModel      the model the provider says answered, or null if it did not say
     * @param providerResponseId the provider's id of the response, or null
     * @param choices            the answers, in index order
     * @param usage              token usage, or null when the provider reported none
     */
    record Completion(String responseModel, String providerResponseId, List<Choice> choices, Usage usage)
            implements ProviderResult {
        public Completion {
            choices = List.copyOf(Objects.requireNonNull(choices, "choices"));
        }
    }

    /**
     * A failed call, as data. The message is a short summary that never contains a secret, and an
     * upstream error body is summarised rather than echoed.
     *
     * @param provider   the provider type that failed
     * @param httpStatus the upstream HTTP status, or the gateway's (502 unreachable, 504 timeout)
     * @param type       error type, one of {@link ErrorTypes}, e.g. {@code server_error}
     * @param code       the provider's error code, or null
     * @param message    a short, secret-free description
     * @param retryable  whether the same call may succeed if tried again
     * @param retryAfter how long the provider asked to wait before a retry, or null
     */
    record ProviderError(
            String provider,
            int httpStatus,
            String type,
            String code,
            String message,
            boolean retryable,
            Duration retryAfter) implements ProviderResult {

        public ProviderError {
            if (provider == null || provider.isBlank()) {
                throw new IllegalArgumentException("provider must not be blank");
            }
            if (httpStatus < 400 || httpStatus > 599) {
                throw new IllegalArgumentException("an error's HTTP status must be 4xx or 5xx, not " + httpStatus);
            }
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException("error type must not be blank");
            }
            Objects.requireNonNull(message, "message");
            if (retryAfter != null && retryAfter.isNegative()) {
                throw new IllegalArgumentException("retry-after must not be negative");
            }
        }

        /**
         * An error classified by its HTTP status: 408, 429 and 5xx are retryable, other 4xx are
         * not; a null type becomes {@code timeout} (408), {@code rate_limit_exceeded} (429),
         * {@code server_error} (5xx) or {@code invalid_request_error} (other 4xx).
         */
        public static ProviderError forStatus(
                String provider, int httpStatus, String type, String code, String message, Duration retryAfter) {
            boolean retryable = httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
            return new ProviderError(provider, httpStatus, type != null ? type : defaultType(httpStatus), code,
                    message, retryable, retryAfter);
        }

        /** The provider could not be reached or broke the connection: 502, retryable. */
        public static ProviderError unreachable(String provider, String message) {
            return new ProviderError(provider, 502, ErrorTypes.UPSTREAM_ERROR, null, message, true, null);
        }

        /** The provider did not answer within the deployment's timeout: 504, retryable. */
        public static ProviderError timedOut(String provider, Duration timeout) {
            return new ProviderError(provider, 504, ErrorTypes.TIMEOUT, null,
                    "no answer from the provider within " + timeout.toMillis() + " ms", true, null);
        }

        private static String defaultType(int httpStatus) {
            if (httpStatus == 408) {
                return ErrorTypes.TIMEOUT;
            }
            if (httpStatus == 429) {
                return ErrorTypes.RATE_LIMIT_EXCEEDED;
            }
            return httpStatus >= 500 ? ErrorTypes.SERVER_ERROR : ErrorTypes.INVALID_REQUEST;
        }
    }
}
