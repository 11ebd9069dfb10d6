package io.sluice.ingress;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A set of IPv4 and IPv6 networks written in CIDR notation ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}; a bare address is a single host). Used for tenants' allowlists and for the
 * proxies whose {@code X-Forwarded-For} is trusted. Literals only: nothing is ever resolved through
 * DNS. IPv4-mapped IPv6 addresses ({@code ::ffff:10.1.2.3}) match as the IPv4 address they carry.
 * Immutable and thread-safe.
 */
public final class IpRanges {
    private static final IpRanges NONE = new IpRanges(List.of(), List.of());
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");

    private record Network(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    private final List<Network> networks;
    private final List<String> written;

    private IpRanges(List<Network> networks, List<String> written) {
        this.networks = networks;
        this.written = written;
    }

    /** No network at all: {@link #contains} is always false. */
    public static IpRanges none() {
        return NONE;
    }

    /**
     * Parses CIDR blocks; {@code path} names the configuration key in error messages.
     *
     * @throws IllegalArgumentException for anything that is not an IP literal with an optional
     *     prefix length, or a block whose address has bits set beyond its prefix
     */
    public static IpRanges parse(List<String> cidrs, String path) {
        if (cidrs == null || cidrs.isEmpty()) {
            return NONE;
        }
        List<Network> networks = new ArrayList<>(cidrs.size());
        for (int i = 0; i < cidrs.size(); i++) {
            networks.add(network(cidrs.get(i), path + "[" + i + "]"));
        }
        return new IpRanges(List.copyOf(networks), List.copyOf(cidrs));
    }

    private static Network network(String cidr, String path) {
        if (cidr == null || cidr.isBlank()) {
            throw new IllegalArgumentException(path + " must be an IP address or CIDR block, was empty");
        }
        String text = cidr.strip();
        int slash = text.indexOf('/');
        byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException(path + ": `" + cidr + "` is not an IPv4 or IPv6 address or CIDR block");
        }
        int max = address.length * 8;
        int bits = max;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!DIGITS.matcher(length).matches() || Integer.parseInt(length) > max) {
                throw new IllegalArgumentException(path + ": `" + cidr + "` needs a prefix length of 0.." + max);
            }
            bits = Integer.parseInt(length);
        }
        var network = new Network(address, bits);
        byte[] masked = Arrays.copyOf(address, address.length);
        for (int bit = bits; bit < max; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        if (!Arrays.equals(masked, address)) {
            throw new IllegalArgumentException(path + ": `" + cidr + "` has bits set beyond its /" + bits
                    + " prefix; did you mean " + NetUtil.bytesToIpAddress(masked) + "/" + bits + "?");
        }
        return network;
    }

    /**
     * The bytes of an IP literal (4 for IPv4, including IPv4-mapped IPv6; 16 for IPv6), or null for
     * anything else: host names, zone ids, ports, octets with leading zeros. Never resolves a name.
     */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty() || text.indexOf('%') >= 0 || text.indexOf('[') >= 0) {
            return null;
        }
        if (text.indexOf(':') < 0 && !IPV4.matcher(text).matches()) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            return null;
        }
        return bytes.length == 16 && isIpv4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** Whether {@code address} is in one of the networks; false for null. */
    public boolean contains(InetAddress address) {
        if (address == null || networks.isEmpty()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && isIpv4Mapped(bytes)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
        }
        for (Network network : networks) {
            if (network.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRanges other && written.equals(other.written);
    }

    @Override
    public int hashCode() {
        return written.hashCode();
    }

    @Override
    public String toString() {
        return written.toString();
    }
}
