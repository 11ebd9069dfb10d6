package io.sluice.processors.sanitize.pii;

import static io.sluice.processors.sanitize.pii.PiiTestSupport.found;
import static io.sluice.processors.sanitize.pii.PiiTestSupport.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PiiPhoneTest {

    @Test
    void internationalNumbersOfAnyCountry() {
        assertThat(found("+44 20 7946 0958, +49 30 901820, +33 6 12 34 56 78, +81 3-1234-5678"))
                .containsExactly("PHONE:+44 20 7946 0958", "PHONE:+49 30 901820", "PHONE:+33 6 12 34 56 78",
                        "PHONE:+81 3-1234-5678");
        assertThat(found("call 0044 20 7946 0958")).containsExactly("PHONE:0044 20 7946 0958");
        assertThat(rules("+44 20 7946 0958")).containsExactly("pii.phone.intl");
    }

    @Test
    void nationalNumbersNeedSeparatorsOrACue() {
        assertThat(found("(415) 555-0132 or 415.555.0199")).containsExactly("PHONE:(415) 555-0132", "PHONE:415.555.0199");
        assertThat(found("4155550132")).isEmpty();
        assertThat(found("call me on 4155550132")).containsExactly("PHONE:4155550132");
        assertThat(rules("call me on 4155550132")).containsExactly("pii.phone.context");
    }

    @Test
    void notPhoneNumbers() {
        assertThat(found("order 415-555-0132")).isEmpty();
        assertThat(found("Invoice #415-555-0132")).isEmpty();
        assertThat(found("+44 20 7946")).isEmpty(); // too short to be valid
        assertThat(found("on 2024-03-15 at 10:30, 03/15/2024, 15.03.2024")).isEmpty();
        assertThat(found("+1 555 555 5555")).isEmpty(); // not a valid US number
    }

    @Test
    void theDefaultRegionReadsNationalNumbers() {
        var gb = PiiDetector.standard("gb");
        String text = "ring 020 7946 0958";
        assertThat(PiiTestSupport.values(text, gb.find(text))).containsExactly("PHONE:020 7946 0958");
        assertThat(PiiTestSupport.found(text)).isEmpty(); // not a US number
        assertThatThrownBy(() -> PiiDetector.standard("XX")).isInstanceOf(IllegalArgumentException.class);
    }
}
