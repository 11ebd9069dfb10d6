package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {

    @Test
    void given_a_check_that_throws_when_refreshed_then_it_is_down_and_so_is_the_whole() {
        var monitor = new HealthMonitor(List.of(HealthCheck.of("a", () -> HealthCheck.Result.up("ok")),
                HealthCheck.of("b", () -> {
                    throw new IllegalStateException("boom");
                })));

        monitor.refresh();

        assertThat(monitor.snapshot().up()).isFalse();
        assertThat(monitor.snapshot().results().get("a").up()).isTrue();
        assertThat(monitor.snapshot().results().get("b")).isEqualTo(HealthCheck.Result.down("IllegalStateException"));
    }

    @Test
    void given_no_checks_then_up() {
        assertThat(new HealthMonitor(List.of()).snapshot().up()).isTrue();
    }

    @Test
    void given_two_checks_with_one_name_then_refused() {
        var a = HealthCheck.of("a", () -> HealthCheck.Result.up(""));

        assertThatThrownBy(() -> new HealthMonitor(List.of(a, a))).hasMessageContaining("twice");
    }
}
