package io.sluice.processors.finops;

/**
 * Requests and tokens per minute; null means no limit of that kind. Tokens are counted as OpenAI
 * does at admission: the estimated prompt plus {@code max_tokens} (or the default output allowance).
 */
public record RateLimits(Long requestsPerMinute, Long tokensPerMinute) {
    public static final RateLimits NONE = new RateLimits(null, null);

    public RateLimits {
        if (requestsPerMinute != null && requestsPerMinute < 1) {
            throw new IllegalArgumentException("requests-per-minute must be at least 1");
        }
        if (tokensPerMinute != null && tokensPerMinute < 1) {
            throw new IllegalArgumentException("tokens-per-minute must be at least 1");
        }
    }

    public boolean none() {
        return requestsPerMinute == null && tokensPerMinute == null;
    }
}
