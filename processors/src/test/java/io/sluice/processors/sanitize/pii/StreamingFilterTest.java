package io.sluice.processors.sanitize.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class StreamingFilterTest {
    private static final PiiDetector DETECTOR = PiiDetector.standard();
    private static final int LOOK_BEHIND = 96;

    static final String PEM = "-----BEGIN EC PRIVATE KEY-----\n"
            + "MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oo3Kb2OkIeYmoAoGCCqGSM49\n"
            + "AwEHoUQDQgAE2rJ9Y4kdPnlQ3jV7cXvQ0pZkH3bW9tSxq1yJvD3pN0Qx8L7mK2wB\n"
            + "Zr5uT1Hc6yN4aE8sF0gV2jP9dQ7xL3mW5nK1bA==\n"
            + "-----END EC PRIVATE KEY-----";

    static List<String> texts() {
        return List.of(
                "Reply to lena.fischer@example.de today.",
                "Card 4111 1111 1111 1111 was charged twice.",
                "key=AKIAIOSFODNN7EXAMPLE done",
                "Token ghp_R4nd0mT0k3nV4lu3F0rT3st1ngPurp0s3s99 leaked; mail ops@example.com and call +44 20 7946 0958.",
                "IBAN DE89 3704 0044 0532 0130 00 then SSN 536-22-1234 and host 2001:db8::8a2e:370:7334.",
                "Order 4155550132 is not a phone, but (415) 555-0132 is.",
                "A preamble long enough to push what follows past the look-behind bound, then a card "
                        + "3782 822463 10005, a key sk-proj-Zk8Qw2Lm9Xr4Tv7Bn3Cd6Fg1Hj5Kp0, and mail to "
                        + "a.b@example.org at the very end");
    }

    @ParameterizedTest
    @MethodSource("texts")
    void aValueSplitAtEveryPositionIntoTwoChunksIsMaskedAsInTheWholeText(String text) {
        for (MaskStyle style : MaskStyle.values()) {
            String whole = Masker.mask(text, DETECTOR.find(text), style).text();
            for (int lookBehind : new int[] {StreamingFilter.MIN_LOOK_BEHIND, LOOK_BEHIND, StreamingFilter.DEFAULT_LOOK_BEHIND}) {
                for (int i = 0; i <= text.length(); i++) {
                    var filter = new StreamingFilter(DETECTOR, style, lookBehind);
                    String out = filter.accept(text.substring(0, i)) + filter.accept(text.substring(i)) + filter.finish();
                    assertThat(out).as("%s, look-behind %d, split at %d", style, lookBehind, i).isEqualTo(whole);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("texts")
    void aValueSplitAtEveryPairOfPositionsIntoThreeChunksIsMaskedAsInTheWholeText(String text) {
        String whole = Masker.mask(text, DETECTOR.find(text), MaskStyle.PSEUDONYM).text();
        for (int i = 0; i <= text.length(); i++) {
            for (int j = i; j <= text.length(); j++) {
                var filter = new StreamingFilter(DETECTOR, MaskStyle.PSEUDONYM, StreamingFilter.MIN_LOOK_BEHIND);
                String out = filter.accept(text.substring(0, i)) + filter.accept(text.substring(i, j))
                        + filter.accept(text.substring(j)) + filter.finish();
                assertThat(out).as("split at %d and %d", i, j).isEqualTo(whole);
            }
        }
    }

    @Test
    void valuesInALongAnswerStreamedCharByCharAreMaskedAndLittleIsHeldBack() {
        String text = ("Contact lena.fischer@example.de or +49 30 901820. Card 5105 1051 0510 5100. "
                + "Nothing else here, just words to push the values past the look-behind. ").repeat(6);
        var filter = new StreamingFilter(DETECTOR, MaskStyle.REDACT, LOOK_BEHIND);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            out.append(filter.accept(text.substring(i, i + 1)));
            assertThat(filter.held()).isLessThanOrEqualTo(LOOK_BEHIND + 1);
        }
        out.append(filter.finish());
        assertThat(out.toString()).isEqualTo(Masker.mask(text, DETECTOR.find(text), MaskStyle.REDACT).text());
        assertThat(out.toString()).doesNotContain("lena.fischer").doesNotContain("901820").doesNotContain("5105 1051");
    }

    @Test
    void aPemKeyLongerThanTheLookBehindIsOnePlaceholderWithoutBeingHeld() {
        String text = "Here it is:\n" + PEM + "\nand keep it safe.";
        String whole = Masker.mask(text, DETECTOR.find(text), MaskStyle.REDACT).text();
        assertThat(whole).isEqualTo("Here it is:\n[SECRET]\nand keep it safe.");
        for (int size : new int[] {1, 3, 7, 16, 50}) {
            var filter = new StreamingFilter(DETECTOR, MaskStyle.REDACT, StreamingFilter.MIN_LOOK_BEHIND);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < text.length(); i += size) {
                out.append(filter.accept(text.substring(i, Math.min(text.length(), i + size))));
                assertThat(filter.held()).isLessThanOrEqualTo(StreamingFilter.MIN_LOOK_BEHIND + size + PemBlockLimits.END_LINE);
            }
            out.append(filter.finish());
            assertThat(out.toString()).as("chunks of %d", size).isEqualTo(whole);
        }
    }

    @Test
    void aPemKeyWithoutItsEndLineIsMaskedToTheEndOfItsBody() {
        String text = "oops " + PEM.substring(0, PEM.indexOf("-----END")) + "... cut off";
        var filter = new StreamingFilter(DETECTOR, MaskStyle.REDACT, StreamingFilter.MIN_LOOK_BEHIND);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i += 5) {
            out.append(filter.accept(text.substring(i, Math.min(text.length(), i + 5))));
        }
        out.append(filter.finish());
        assertThat(out.toString()).isEqualTo(Masker.mask(text, DETECTOR.find(text), MaskStyle.REDACT).text())
                .isEqualTo("oops [SECRET]\n... cut off");
    }

    @Test
    void aTokenLongerThanTheLookBehindIsMaskedAndItsContinuationDropped() {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
                + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        String text = "Bearer " + jwt + " was rejected";
        var filter = new StreamingFilter(DETECTOR, MaskStyle.REDACT, StreamingFilter.MIN_LOOK_BEHIND);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i += 10) {
            out.append(filter.accept(text.substring(i, Math.min(text.length(), i + 10))));
        }
        out.append(filter.finish());
        assertThat(out.toString()).isEqualTo("Bearer [SECRET] was rejected");
    }

    @Test
    void pseudonymsAreSharedWithTheRequestSoAnAnswerReusesItsPlaceholders() {
        var pseudonyms = new Pseudonyms();
        String prompt = "Write to lena.fischer@example.de";
        Masked masked = Masker.mask(prompt, DETECTOR.find(prompt), pseudonyms);
        assertThat(masked.text()).isEqualTo("Write to [EMAIL_1]");

        var filter = new StreamingFilter(DETECTOR, pseudonyms, LOOK_BEHIND);
        String out = filter.accept("Sure, I wrote to lena.fisch") + filter.accept("er@example.de and to ops@exa")
                + filter.accept("mple.com.") + filter.finish();
        assertThat(out).isEqualTo("Sure, I wrote to [EMAIL_1] and to [EMAIL_2].");
        assertThat(filter.placeholders()).isEqualTo(Map.of("[EMAIL_1]", "lena.fischer@example.de",
                "[EMAIL_2]", "ops@example.com"));
    }

    @Test
    void rejectsATooShortLookBehindAndUseAfterFinish() {
        assertThatThrownBy(() -> new StreamingFilter(DETECTOR, MaskStyle.REDACT, 10))
                .isInstanceOf(IllegalArgumentException.class);
        var filter = new StreamingFilter(DETECTOR, MaskStyle.REDACT, LOOK_BEHIND);
        filter.finish();
        assertThatThrownBy(() -> filter.accept("x")).isInstanceOf(IllegalStateException.class);
    }

    /** The longest END line the filter may hold while it decides whether a PEM body has ended. */
    static final class PemBlockLimits {
        static final int END_LINE = PemBlock.MAX_END_LINE;
    }
}
