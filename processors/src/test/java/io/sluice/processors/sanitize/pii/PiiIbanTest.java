package io.sluice.processors.sanitize.pii;

import static io.sluice.processors.sanitize.pii.PiiTestSupport.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiIbanTest {

    @Test
    void mod97AndCountryLength() {
        assertThat(IbanRules.isValid("GB82WEST12345698765432")).isTrue();
        assertThat(IbanRules.isValid("DE89370400440532013000")).isTrue();
        assertThat(IbanRules.isValid("NL91ABNA0417164300")).isTrue();
        assertThat(IbanRules.isValid("FR1420041010050500013M02606")).isTrue();
        assertThat(IbanRules.isValid("NO9386011117947")).isTrue();
        assertThat(IbanRules.isValid("DE89370400440532013001")).isFalse(); // one digit changed
        assertThat(IbanRules.isValid("DE8937040044053201300")).isFalse(); // too short for DE
        assertThat(IbanRules.isValid("XX89370400440532013000")).isFalse(); // no such country
        assertThat(IbanRules.length("DE")).isEqualTo(22);
        assertThat(IbanRules.length("MT")).isEqualTo(31);
        assertThat(IbanRules.mod97("GB82WEST12345698765432")).isEqualTo(1);
    }

    @Test
    void findsCompactAndGroupedIbans() {
        assertThat(found("to DE89 3704 0044 0532 0130 00, thanks")).containsExactly("IBAN:DE89 3704 0044 0532 0130 00");
        assertThat(found("IBAN: GB82WEST12345698765432.")).containsExactly("IBAN:GB82WEST12345698765432");
        assertThat(found("FR14 2004 1010 0505 0001 3M02 606")).containsExactly("IBAN:FR14 2004 1010 0505 0001 3M02 606");
    }

    @Test
    void notIbans() {
        assertThat(found("DE89 3704 0044 0532 0130 01")).isEmpty();
        assertThat(found("DE89370400440532013000123")).isEmpty(); // longer than DE's IBANs
        assertThat(found("XDE89370400440532013000")).isEmpty(); // glued
        assertThat(found("DE89 370 4004 4053 2013 000")).isEmpty(); // not in groups of four
    }
}
