package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngressSettingsTest {

    private static IngressSettings settings(String host, int port, int maxBody, int depth, Duration timeout,
                                            Integer partition, int threads) {
        return new IngressSettings(host, port, maxBody, depth, timeout, partition, threads);
    }

    @Test
    void given_the_edge_of_every_range_then_accepted() {
        Duration t = Duration.ofNanos(1);
        assertThatNoException().isThrownBy(() -> settings("h", 0, 1, IngressSettings.MIN_JSON_DEPTH, t, null, 0));
        assertThatNoException().isThrownBy(() -> settings("h", 65_535, 1, IngressSettings.MIN_JSON_DEPTH, t, 0, 0));
    }

    @Test
    void given_a_port_out_of_range_then_the_message_names_the_config_path() {
        assertThatThrownBy(() -> settings("h", 65_536, 1, 32, Duration.ofSeconds(1), null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ingress.port must be 0..65535");
        assertThatThrownBy(() -> settings("h", -1, 1, 32, Duration.ofSeconds(1), null, 0))
                .hasMessageStartingWith("ingress.port must be 0..65535");
    }

    @Test
    void given_invalid_values_then_each_message_names_its_path() {
        Duration t = Duration.ofSeconds(1);
        assertThatThrownBy(() -> settings(" ", 80, 1, 32, t, null, 0)).hasMessageStartingWith("ingress.host");
        assertThatThrownBy(() -> settings("h", 80, 0, 32, t, null, 0)).hasMessageStartingWith("ingress.max-body-bytes");
        assertThatThrownBy(() -> settings("h", 80, 1, 3, t, null, 0)).hasMessageStartingWith("ingress.max-json-depth");
        assertThatThrownBy(() -> settings("h", 80, 1, 32, Duration.ZERO, null, 0))
                .hasMessageStartingWith("ingress.request-timeout");
        assertThatThrownBy(() -> settings("h", 80, 1, 32, null, null, 0)).hasMessageStartingWith("ingress.request-timeout");
        assertThatThrownBy(() -> settings("h", 80, 1, 32, t, -1, 0)).hasMessageStartingWith("ingress.reply-partition");
        assertThatThrownBy(() -> settings("h", 80, 1, 32, t, null, -1)).hasMessageStartingWith("ingress.io-threads");
    }

    @Test
    void given_a_deadline_or_idle_timeout_that_is_not_positive_then_the_message_names_its_path() {
        Duration t = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new IngressSettings("h", 80, 1, 32, t, null, 0, Duration.ZERO, t, null, null, false))
                .hasMessageStartingWith("ingress.read-deadline");
        assertThatThrownBy(() -> new IngressSettings("h", 80, 1, 32, t, null, 0, t, Duration.ofSeconds(-1), null, null,
                false)).hasMessageStartingWith("ingress.idle-timeout");
        assertThatThrownBy(() -> new IngressSettings.Tls(java.nio.file.Path.of("cert.pem"), null))
                .hasMessageStartingWith("ingress.tls");
    }

    @Test
    void given_the_short_constructor_then_the_default_perimeter_applies() {
        var settings = settings("h", 80, 1, 32, Duration.ofSeconds(1), null, 0);

        assertThat(settings.readDeadline()).isEqualTo(IngressSettings.DEFAULT_READ_DEADLINE);
        assertThat(settings.idleTimeout()).isEqualTo(IngressSettings.DEFAULT_IDLE_TIMEOUT);
        assertThat(settings.tls()).isNull();
        assertThat(settings.trustedProxies().isEmpty()).isTrue();
        assertThat(settings.metricsRequireAdmin()).isFalse();
    }
}
