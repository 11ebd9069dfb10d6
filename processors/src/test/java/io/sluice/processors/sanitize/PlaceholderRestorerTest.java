package io.sluice.processors.sanitize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholderRestorerTest {
    private static final Map<String, String> VALUES = Map.of("[EMAIL_1]", "ana@example.com", "[PHONE_12]", "+41 44 668 18 00");
    private static final String ANSWER = "Write to [EMAIL_1] or call [PHONE_12]; [EMAIL_2] and [not a placeholder] stay.";
    private static final String RESTORED = "Write to ana@example.com or call +41 44 668 18 00; [EMAIL_2] and [not a placeholder] stay.";

    @Test
    void replacesOnlyThisRequestsPlaceholders() {
        assertThat(PlaceholderRestorer.restore(ANSWER, VALUES)).isEqualTo(RESTORED);
        assertThat(PlaceholderRestorer.restore(ANSWER, Map.of())).isEqualTo(ANSWER);
    }

    @Test
    void aPlaceholderSplitAtAnyPointAcrossChunksIsRestored() {
        for (int cut = 0; cut <= ANSWER.length(); cut++) {
            for (int second = cut; second <= ANSWER.length(); second++) {
                var restorer = new PlaceholderRestorer(VALUES);
                String out = restorer.accept(ANSWER.substring(0, cut)) + restorer.accept(ANSWER.substring(cut, second))
                        + restorer.accept(ANSWER.substring(second)) + restorer.finish();
                assertThat(out).as("cuts at %d and %d", cut, second).isEqualTo(RESTORED);
            }
        }
    }

    @Test
    void holdsBackNoMoreThanAPlaceholderCanBeLong() {
        var restorer = new PlaceholderRestorer(VALUES);

        assertThat(restorer.accept("a [bracket that never closes and goes on"))
                .as("longer than any placeholder: let through").isEqualTo("a [bracket that never closes and goes on");
        assertThat(restorer.accept("x [EMA")).isEqualTo("x ");
        assertThat(restorer.finish()).isEqualTo("[EMA");
    }
}
