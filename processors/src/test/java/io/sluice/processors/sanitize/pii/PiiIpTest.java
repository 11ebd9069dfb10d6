package io.sluice.processors.sanitize.pii;

import static io.sluice.processors.sanitize.pii.PiiTestSupport.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiIpTest {

    @Test
    void ipv4() {
        assertThat(found("from 192.168.1.20 and 8.8.8.8:53")).containsExactly("IP_ADDRESS:192.168.1.20", "IP_ADDRESS:8.8.8.8");
        assertThat(found("net 10.0.0.0/8")).containsExactly("IP_ADDRESS:10.0.0.0");
        assertThat(found("256.1.1.1 1.2.3.04 192.168.1 1.3.6.1.4.1")).isEmpty();
        assertThat(found("version 1.2.3.4, v1.2.3.4, build 4.0.0.1, 1.2.3.4-beta")).isEmpty();
        assertThat(found("upgrade from 1.2.3.4 to 1.2.4.0")).isEmpty();
    }

    @Test
    void ipv6TextForms() {
        assertThat(IpScanner.isV6("2001:0db8:85a3:0000:0000:8a2e:0370:7334", 0, 39)).isTrue();
        assertThat(ok("2001:db8::8a2e:370:7334")).isTrue();
        assertThat(ok("fe80::1")).isTrue();
        assertThat(ok("::ffff:192.0.2.128")).isTrue();
        assertThat(ok("2001:db8::")).isTrue();
        assertThat(ok("::1")).isFalse(); // one group: loopback, not somebody's address
        assertThat(ok("1::2::3")).isFalse();
        assertThat(ok("12345::1")).isFalse();
        assertThat(ok("1:2:3:4:5:6:7")).isFalse();
        assertThat(ok("1:2:3:4:5:6:7:8:9")).isFalse();
        assertThat(ok("abc::def")).isFalse(); // no digit: a word pair, not an address
        assertThat(ok("2001:db8::1.2.3.4:5")).isFalse();
    }

    @Test
    void ipv6InText() {
        assertThat(found("host 2001:db8::8a2e:370:7334.")).containsExactly("IP_ADDRESS:2001:db8::8a2e:370:7334");
        assertThat(found("[2001:db8::1]:443")).containsExactly("IP_ADDRESS:2001:db8::1");
        assertThat(found("fe80::1%eth0")).containsExactly("IP_ADDRESS:fe80::1");
        assertThat(found("std::vector and a::b, 12:30:45, 00:1A:2B:3C:4D:5E")).isEmpty();
    }

    private static boolean ok(String a) {
        return IpScanner.isV6(a, 0, a.length());
    }
}
