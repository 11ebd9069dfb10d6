package io.sluice.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedValuesTest {
    @Test
    void given_room_left_then_names_are_kept_and_those_seen_stay_kept_once_full() {
        var values = new BoundedValues(2);

        assertThat(values.of("gpt-4o-2024-08-06", "none")).isEqualTo("gpt-4o-2024-08-06");
        assertThat(values.of("anthropic.claude-3-5-sonnet-20241022-v2:0", "none"))
                .isEqualTo("anthropic.claude-3-5-sonnet-20241022-v2:0");
        assertThat(values.of("third", "none")).isEqualTo(Telemetry.OTHER);
        assertThat(values.of("gpt-4o-2024-08-06", "none")).isEqualTo("gpt-4o-2024-08-06");
    }

    @Test
    void given_text_rather_than_a_name_then_it_never_becomes_a_value() {
        var values = new BoundedValues(100);

        assertThat(values.of("line one\nline two", "none")).isEqualTo(Telemetry.OTHER);
        assertThat(values.of("say \"hi\"", "none")).isEqualTo(Telemetry.OTHER);
        assertThat(values.of(" padded", "none")).isEqualTo(Telemetry.OTHER);
        assertThat(values.of("x".repeat(65), "none")).isEqualTo(Telemetry.OTHER);
        assertThat(values.of("x".repeat(64), "none")).isEqualTo("x".repeat(64));
        assertThat(values.of("Research Lab", "none")).isEqualTo("Research Lab");
        assertThat(values.of(null, "none")).isEqualTo("none");
    }
}
