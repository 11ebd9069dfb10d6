package io.sluice.ingress;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bearer key of a request and resolves it. Every bad key (missing, malformed, unknown,
 * too long, sent twice, another kind of key) looks the same to the client: 401
 * {@code invalid_api_key}. A good tenant key used from outside its tenant's {@code allowed-ips} is
 * a 403 {@code ip_not_allowed}.
 */
final class Authentication {
    private static final Logger log = LoggerFactory.getLogger(Authentication.class);
    private static final String BEARER = "bearer ";

    private Authentication() {
    }

    /** The tenant key of the exchange's request, checked against its allowlist; else an ApiException. */
    static ApiKey tenantKey(ApiKeyAuthenticator authenticator, Exchange exchange) {
        ApiKey key = presentedKey(exchange.request()).flatMap(authenticator::authenticate)
                .orElseThrow(() -> new ApiException(ApiError.invalidApiKey()));
        if (!key.allowsFrom(exchange.clientAddress())) {
            log.warn("auth.ip_not_allowed tenant={} key_id={} client={}", key.tenantId(), key.id(),
                    exchange.clientAddress() == null ? "unknown" : exchange.clientAddress().getHostAddress());
            throw new ApiException(ApiError.ipNotAllowed());
        }
        return key;
    }

    /** The admin key of the request, or empty. */
    static Optional<AdminKey> adminKey(ApiKeyAuthenticator authenticator, HttpRequest request) {
        return presentedKey(request).flatMap(authenticator::authenticateAdmin);
    }

    /**
     * Whether the head of {@code request} carries a tenant's valid key; for decisions taken before
     * the body is read (the allowed address is checked with the request, as usual).
     */
    static boolean presentsTenantKey(ApiKeyAuthenticator authenticator, HttpRequest request) {
        return presentedKey(request).flatMap(authenticator::authenticate).isPresent();
    }

    /** The token of the request's one {@code Authorization: Bearer <token>} header; empty for anything else. */
    private static Optional<String> presentedKey(HttpRequest request) {
        List<String> values = request.headers().getAll(HttpHeaderNames.AUTHORIZATION);
        return values.size() == 1 ? bearerToken(values.get(0)) : Optional.empty();
    }

    /** The token of {@code Authorization: Bearer <token>}, or empty for anything else. */
    static Optional<String> bearerToken(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = value.substring(BEARER.length()).strip();
        if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            return Optional.empty();
        }
        return Optional.of(token);
    }
}
