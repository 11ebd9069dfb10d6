package io.sluice.ingress;

import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * What the router checks before any handler runs: who the client is ({@link ClientAddress}) and
 * whether a request to an admin route carries an admin key. Tenant keys and their allowlists are
 * checked by the {@code /v1} handlers through {@link Authentication}. Shared by every channel.
 */
record Perimeter(ApiKeyAuthenticator auth, IpRanges trustedProxies) {

    /** The client's address: the peer's, or the one trusted proxies forwarded; null if unknown. */
    InetAddress clientAddress(SocketAddress peer, HttpRequest request) {
        return ClientAddress.resolve(ClientAddress.peer(peer),
                request.headers().getAll(ClientAddress.FORWARDED_FOR), trustedProxies);
    }

    /** The admin key the request carries, or empty. */
    Optional<AdminKey> admin(HttpRequest request) {
        return Authentication.adminKey(auth, request);
    }
}
