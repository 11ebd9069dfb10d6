package io.sluice.processors.sanitize.pii;

import static io.sluice.processors.sanitize.pii.PiiTestSupport.found;
import static io.sluice.processors.sanitize.pii.PiiTestSupport.rules;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiSsnTest {

    @Test
    void issuingRules() {
        assertThat(SsnScanner.isValid("536221234")).isTrue();
        assertThat(SsnScanner.isValid("000221234")).isFalse();
        assertThat(SsnScanner.isValid("666221234")).isFalse();
        assertThat(SsnScanner.isValid("900221234")).isFalse();
        assertThat(SsnScanner.isValid("999221234")).isFalse();
        assertThat(SsnScanner.isValid("536001234")).isFalse();
        assertThat(SsnScanner.isValid("536220000")).isFalse();
        assertThat(SsnScanner.isValid("078051120")).isFalse(); // the wallet-insert number
        assertThat(SsnScanner.isValid("899991234")).isTrue();
    }

    @Test
    void formattedOrAfterACue() {
        assertThat(found("SSN 536-22-1234.")).containsExactly("US_SSN:536-22-1234");
        assertThat(found("it is 536 22 1234")).containsExactly("US_SSN:536 22 1234");
        assertThat(found("ssn: 536221234")).containsExactly("US_SSN:536221234");
        assertThat(rules("ssn: 536221234")).containsExactly("pii.ssn.context");
        assertThat(rules("536-22-1234")).containsExactly("pii.ssn.format");
    }

    @Test
    void notSsns() {
        assertThat(found("536221234")).isEmpty(); // bare digits without a cue
        assertThat(found("536-22 1234")).isEmpty(); // mixed separators
        assertThat(found("order 536-22-1234")).isEmpty();
        assertThat(found("part AB-536-22-1234")).isEmpty();
        assertThat(found("536-22-1234-7")).isEmpty();
        assertThat(found("2023-11-05")).isEmpty();
    }
}
