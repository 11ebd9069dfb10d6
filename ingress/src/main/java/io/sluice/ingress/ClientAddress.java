package io.sluice.ingress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who a request comes from. The TCP peer, unless the peer is one of the trusted proxies: then
 * {@code X-Forwarded-For} is read from the right, skipping trusted proxies, and the first address
 * that is not one is the client. Everything left of it was written by the client and is ignored.
 * If every entry is a trusted proxy, the left-most is the client; an entry that is not an IP
 * literal (a name, {@code unknown}, a port) stops the walk at the nearest trusted hop, so a garbled
 * header never yields an address the proxy did not vouch for.
 */
final class ClientAddress {
    static final String FORWARDED_FOR = "X-Forwarded-For";
    /** Hops beyond this many are not looked at: the client is then the last hop examined. */
    static final int MAX_HOPS = 32;

    private ClientAddress() {
    }

    /** The peer's IP address, or null when the channel has none (an embedded channel, a Unix socket). */
    static InetAddress peer(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress();
        }
        return null;
    }

    /**
     * @param peer            the TCP peer's address, or null if unknown
     * @param forwardedFor    every {@code X-Forwarded-For} header value, in the order received
     * @param trustedProxies  the proxies allowed to say who their client is
     * @return the client's address, or null when the peer is unknown
     */
    static InetAddress resolve(InetAddress peer, List<String> forwardedFor, IpRanges trustedProxies) {
        if (peer == null || !trustedProxies.contains(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            hops.addAll(Arrays.asList(header.split(",", -1)));
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1, seen = 0; i >= 0 && seen < MAX_HOPS; i--, seen++) {
            InetAddress hop = address(hops.get(i).strip());
            if (hop == null) {
                return client;
            }
            client = hop;
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return client;
    }

    private static InetAddress address(String entry) {
        byte[] bytes = IpRanges.literal(entry);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
