package io.sluice.processors.provider;

import io.sluice.processors.provider.ProviderResult.ProviderError;
import io.sluice.schemas.ErrorTypes;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What every HTTP provider does the same way: send with a deadline and abort on cancel, map a
 * failed exchange to a {@link ProviderError}, read {@code Retry-After}, and summarise an upstream
 * error text without echoing it or any secret in it. Pure functions apart from {@link #send}.
 */
public final class ProviderHttp {
    public static final int MAX_MESSAGE_CHARS = 200;

    /** API keys ({@code sk-...}, {@code sk-ant-...}), bearer tokens and AWS access key ids. */
    private static final Pattern KEY_LIKE = Pattern.compile(
            "\\b(sk-|Bearer\\s+|AKIA|ASIA)[A-Za-z0-9_*\\-]{3,}(?:\\.[A-Za-z0-9_*\\-]+)*");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\s]+");

    private ProviderHttp() {}

    /**
     * Sends {@code request} on the shared client and completes {@code result} with what
     * {@code parse} makes of the response, with {@link #failure} if the exchange failed, or with a
     * timeout once {@code timeout} has passed. Completing {@code result} exceptionally (cancelling
     * it, say) or the deadline aborts the exchange. {@code parse} runs on the client's thread and
     * must not block.
     *
     * @return {@code result}
     */
    public static <T> CompletableFuture<ProviderResult> send(ProviderContext context, String provider, Duration timeout,
            HttpRequest request, CompletableFuture<ProviderResult> result, HttpResponse.BodyHandler<T> handler,
            Function<HttpResponse<T>, ProviderResult> parse) {
        CompletableFuture<HttpResponse<T>> exchange = context.httpClient().sendAsync(request, handler);
        ScheduledFuture<?> deadline = context.scheduler().schedule(() -> {
            if (result.complete(ProviderError.timedOut(provider, timeout))) {
                exchange.cancel(true);
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((done, failure) -> {
            deadline.cancel(false);
            if (failure != null || done instanceof ProviderError) {
                exchange.cancel(true);
            }
        });
        exchange.whenComplete((response, failure) -> {
            if (result.isDone()) {
                return;
            }
            ProviderResult parsed;
            try {
                parsed = failure == null ? parse.apply(response) : failure(provider, failure, timeout);
            } catch (RuntimeException bug) {
                result.completeExceptionally(bug);
                return;
            }
            result.complete(parsed);
        });
        return result;
    }

    /** The result of an HTTP exchange that failed before (or while) the response arrived. */
    public static ProviderError failure(String provider, Throwable failure, Duration timeout) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException || cause instanceof CancellationException) {
            return ProviderError.timedOut(provider, timeout);
        }
        if (cause instanceof ConnectException) {
            return ProviderError.unreachable(provider, "could not connect to the provider");
        }
        if (cause instanceof IOException) {
            return ProviderError.unreachable(provider,
                    "the connection to the provider failed (" + cause.getClass().getSimpleName() + ")");
        }
        return ProviderError.unreachable(provider,
                "the call to the provider failed (" + cause.getClass().getSimpleName() + ")");
    }

    /** A 3xx answer: redirects are never followed, so that no answer can send Sluice elsewhere. */
    public static ProviderError redirect(String provider, int status) {
        return new ProviderError(provider, 502, ErrorTypes.UPSTREAM_ERROR, null,
                "upstream answered with a redirect (HTTP " + status + "), which is not followed", false, null);
    }

    /** {@code Retry-After} in seconds or as an HTTP date, else {@code retry-after-ms}; null if neither. */
    public static Duration retryAfter(HttpHeaders headers, Instant now) {
        var seconds = headers.firstValue("retry-after").map(String::strip).orElse(null);
        if (seconds != null) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(seconds)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(seconds, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
                } catch (DateTimeParseException notADate) {
                    // fall through to retry-after-ms
                }
            }
        }
        try {
            return headers.firstValue("retry-after-ms")
                    .map(ms -> Duration.ofMillis(Math.max(0, (long) Double.parseDouble(ms.strip()))))
                    .orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One line of at most {@value #MAX_MESSAGE_CHARS} characters with {@code secret} and anything key-like masked. */
    public static String summarise(String text, String secret) {
        String masked = text;
        if (secret != null && !secret.isEmpty()) {
            masked = masked.replace(secret, "***");
        }
        masked = KEY_LIKE.matcher(masked).replaceAll("$1***");
        masked = CONTROL.matcher(masked).replaceAll(" ").strip();
        return masked.length() <= MAX_MESSAGE_CHARS ? masked : masked.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
    }
}
