package io.sluice.ingress;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Optional;

/** Reads the bearer API key of a request and resolves it; every failure looks the same to the client. */
final class Authentication {
    private static final String BEARER = "bearer ";

    private Authentication() {
    }

    static Optional<ApiKey> authenticate(ApiKeyAuthenticator authenticator, HttpRequest request) {
        return bearerToken(request.headers().get(HttpHeaderNames.AUTHORIZATION))
                .flatMap(authenticator::authenticate);
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
