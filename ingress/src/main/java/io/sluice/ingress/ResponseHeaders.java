package io.sluice.ingress;

import io.netty.handler.codec.http.HttpResponse;
import io.sluice.avro.AiResponse;
import io.sluice.avro.RateLimitStatus;

/**
 * The headers a chat answer carries besides its body: OpenAI's {@code x-ratelimit-*} family for
 * the caller's request and token limits, and Sluice's own (deployment, provider, cache status, the published prompt version served).
 */
final class ResponseHeaders {
    static final String DEPLOYMENT = "x-sluice-deployment";
    static final String PROVIDER = "x-sluice-provider";
    static final String CACHE = "x-sluice-cache";
    static final String PROMPT_VERSION = "x-sluice-prompt-version";

    private ResponseHeaders() {}

    /** The headers a final response decides; nothing for a null response. */
    static void apply(HttpResponse http, AiResponse response) {
        if (response == null) {
            return;
        }
        HttpResponses.setSafeHeader(http, DEPLOYMENT, response.getDeployment());
        HttpResponses.setSafeHeader(http, PROVIDER, response.getProvider());
        HttpResponses.setSafeHeader(http, CACHE, response.getCache());
        HttpResponses.setSafeHeader(http, PROMPT_VERSION, response.getPromptVersion());
        rateLimits(http, response.getRateLimit());
    }

    /** {@code x-ratelimit-limit|remaining|reset-requests|tokens}, for the limits that apply. */
    static void rateLimits(HttpResponse http, RateLimitStatus status) {
        if (status == null) {
            return;
        }
        if (status.getLimitRequests() != null) {
            http.headers().set("x-ratelimit-limit-requests", status.getLimitRequests());
            http.headers().set("x-ratelimit-remaining-requests", status.getRemainingRequests());
            http.headers().set("x-ratelimit-reset-requests", duration(status.getResetRequestsMillis()));
        }
        if (status.getLimitTokens() != null) {
            http.headers().set("x-ratelimit-limit-tokens", status.getLimitTokens());
            http.headers().set("x-ratelimit-remaining-tokens", status.getRemainingTokens());
            http.headers().set("x-ratelimit-reset-tokens", duration(status.getResetTokensMillis()));
        }
    }

    /** A duration as OpenAI writes it: {@code 120ms}, {@code 1.5s}, {@code 6m0s}. */
    static String duration(Long millis) {
        long ms = millis == null ? 0 : Math.max(0, millis);
        if (ms < 1000) {
            return ms + "ms";
        }
        long minutes = ms / 60_000;
        long rest = ms % 60_000;
        StringBuilder seconds = new StringBuilder().append(rest / 1000);
        long fraction = rest % 1000;
        if (fraction != 0) {
            String digits = Long.toString(1000 + fraction).substring(1);
            seconds.append('.').append(digits.replaceFirst("0+$", ""));
        }
        return (minutes == 0 ? "" : minutes + "m") + seconds + "s";
    }
}
