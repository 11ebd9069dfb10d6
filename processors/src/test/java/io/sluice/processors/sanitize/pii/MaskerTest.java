package io.sluice.processors.sanitize.pii;

import static io.sluice.processors.sanitize.pii.PiiTestSupport.DETECTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.processors.sanitize.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskerTest {
    private static final String TEXT = "Mail lena@example.de or ops@example.com; lena@example.de again, card 4111 1111 1111 1111.";

    @Test
    void redactReplacesEachValueWithItsType() {
        Masked masked = Masker.mask(TEXT, DETECTOR.find(TEXT), MaskStyle.REDACT);
        assertThat(masked.text()).isEqualTo("Mail [EMAIL] or [EMAIL]; [EMAIL] again, card [CREDIT_CARD].");
        assertThat(masked.placeholders()).isEmpty();
    }

    @Test
    void pseudonymsNumberDistinctValuesAndRepeatTheSameOne() {
        Masked masked = Masker.mask(TEXT, DETECTOR.find(TEXT), MaskStyle.PSEUDONYM);
        assertThat(masked.text()).isEqualTo("Mail [EMAIL_1] or [EMAIL_2]; [EMAIL_1] again, card [CREDIT_CARD_1].");
        assertThat(masked.placeholders()).isEqualTo(Map.of(
                "[EMAIL_1]", "lena@example.de", "[EMAIL_2]", "ops@example.com", "[CREDIT_CARD_1]", "4111 1111 1111 1111"));
    }

    @Test
    void oneRequestNumbersAllItsMessagesAlike() {
        var pseudonyms = new Pseudonyms();
        String system = "The user is lena@example.de.";
        String user = "Write to ops@example.com and copy lena@example.de.";
        assertThat(Masker.mask(system, DETECTOR.find(system), pseudonyms).text()).isEqualTo("The user is [EMAIL_1].");
        Masked second = Masker.mask(user, DETECTOR.find(user), pseudonyms);
        assertThat(second.text()).isEqualTo("Write to [EMAIL_2] and copy [EMAIL_1].");
        assertThat(second.placeholders()).containsOnlyKeys("[EMAIL_1]", "[EMAIL_2]");
    }

    @Test
    void restorePutsTheRequestsValuesBackAndNothingElse() {
        Masked masked = Masker.mask(TEXT, DETECTOR.find(TEXT), MaskStyle.PSEUDONYM);
        String answer = "I wrote to [EMAIL_1] and [EMAIL_2]; [EMAIL_3] and [link] and [EMAIL_1 are not ours. [[EMAIL_2]]";
        assertThat(Masker.restore(answer, masked.placeholders())).isEqualTo(
                "I wrote to lena@example.de and ops@example.com; [EMAIL_3] and [link] and [EMAIL_1 are not ours. [ops@example.com]");
        assertThat(Masker.restore(answer, Map.of())).isEqualTo(answer);
    }

    @Test
    void aRestoredValueIsNotScannedAgain() {
        assertThat(Masker.restore("[EMAIL_1]", Map.of("[EMAIL_1]", "[EMAIL_2]", "[EMAIL_2]", "x"))).isEqualTo("[EMAIL_2]");
    }

    @Test
    void aPlaceholderThatTheTextAlreadyHoldsIsNotReused() {
        var pseudonyms = new Pseudonyms();
        assertThat(pseudonyms.placeholderFor("EMAIL", "a@example.com")).isEqualTo("[EMAIL_1]");
        assertThat(pseudonyms.placeholderFor("EMAIL", "a@example.com")).isEqualTo("[EMAIL_1]");
        assertThat(pseudonyms.placeholderFor("PHONE", "a@example.com")).isEqualTo("[PHONE_1]");
        assertThat(pseudonyms.toString()).doesNotContain("example");
    }

    @Test
    void findingsMustBeSortedAndInside() {
        List<Finding> unsorted = List.of(new Finding("pii", "EMAIL", "pii.email", 10, 12), new Finding("pii", "EMAIL", "pii.email", 0, 2));
        assertThatThrownBy(() -> Masker.mask("0123456789abcdef", unsorted, MaskStyle.REDACT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Masker.mask("", List.of(), MaskStyle.PSEUDONYM).toString()).doesNotContain("@");
    }
}
