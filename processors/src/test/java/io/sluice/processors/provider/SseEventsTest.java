package io.sluice.processors.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SseEventsTest {
    @Test
    void dataLinesGatherUntilABlankLineAndTheEventNameGoesWithThem() {
        var events = new SseEvents();

        assertThat(events.line(": a comment")).isNull();
        assertThat(events.line("event: message_delta")).isNull();
        assertThat(events.line("data: {\"a\":")).isNull();
        assertThat(events.line("data:1}")).isNull();
        assertThat(events.line("id: 7")).isNull();

        assertThat(events.line("")).isEqualTo(new SseEvents.Event("message_delta", "{\"a\":\n1}"));
        assertThat(events.line("")).as("a blank line alone is no event").isNull();
    }

    @Test
    void aNameWithoutDataIsForgottenAndTheBodysEndFlushesTheLastEvent() {
        var events = new SseEvents();
        events.line("event: ping");
        assertThat(events.line("")).isNull();

        events.line("data: [DONE]");

        assertThat(events.flush()).isEqualTo(new SseEvents.Event(null, "[DONE]"));
        assertThat(events.flush()).isNull();
    }
}
