package io.sluice.processors.sanitize.pii;

import static io.sluice.processors.sanitize.pii.PiiTestSupport.found;
import static io.sluice.processors.sanitize.pii.PiiTestSupport.rules;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiCardTest {

    @Test
    void luhnAcceptsRightCheckDigitsOnly() {
        assertThat(CardRules.luhn("4111111111111111")).isTrue();
        assertThat(CardRules.luhn("4111111111111112")).isFalse();
        assertThat(CardRules.luhn("378282246310005")).isTrue();
        assertThat(CardRules.luhn("378282246310006")).isFalse();
        assertThat(CardRules.luhn("79927398713")).isTrue();
        assertThat(CardRules.luhn("")).isFalse();
    }

    @Test
    void issuerRangesAndLengths() {
        assertThat(CardRules.issuer("4111111111111111")).isEqualTo("visa");
        assertThat(CardRules.issuer("4222222222222")).isEqualTo("visa");
        assertThat(CardRules.issuer("411111111111111")).isNull(); // Visa has no 15-digit numbers
        assertThat(CardRules.issuer("5105105105105100")).isEqualTo("mastercard");
        assertThat(CardRules.issuer("2221000000000009")).isEqualTo("mastercard");
        assertThat(CardRules.issuer("2720990000000007")).isEqualTo("mastercard");
        assertThat(CardRules.issuer("2721000000000004")).isNull();
        assertThat(CardRules.issuer("378282246310005")).isEqualTo("amex");
        assertThat(CardRules.issuer("3782822463100050")).isNull(); // Amex is 15 digits
        assertThat(CardRules.issuer("6011111111111117")).isEqualTo("discover");
        assertThat(CardRules.issuer("3530111333300000")).isEqualTo("jcb");
        assertThat(CardRules.issuer("36227206271667")).isEqualTo("diners");
        assertThat(CardRules.issuer("6200000000000005")).isEqualTo("unionpay");
        assertThat(CardRules.issuer("2200000000000004")).isEqualTo("mir");
        assertThat(CardRules.issuer("1234567812345670")).isNull();
        assertThat(CardRules.issuer("9400100000000000")).isNull();
    }

    @Test
    void findsCardsInTheLayoutsTheyArePrintedIn() {
        assertThat(found("pay with 4111 1111 1111 1111 now")).containsExactly("CREDIT_CARD:4111 1111 1111 1111");
        assertThat(found("pay with 4111-1111-1111-1111.")).containsExactly("CREDIT_CARD:4111-1111-1111-1111");
        assertThat(found("card=4111111111111111&x=1")).containsExactly("CREDIT_CARD:4111111111111111");
        assertThat(found("amex 3782 822463 10005")).containsExactly("CREDIT_CARD:3782 822463 10005");
        assertThat(rules("4111 1111 1111 1111")).containsExactly("pii.card.luhn");
    }

    @Test
    void aCardFollowedByMoreDigitsIsStillFound() {
        assertThat(found("4111 1111 1111 1111 2027")).containsExactly("CREDIT_CARD:4111 1111 1111 1111");
    }

    @Test
    void notCards() {
        assertThat(found("4111 1111 1111 1112")).isEmpty(); // Luhn
        assertThat(found("1234 5678 9012 3452")).isEmpty(); // no issuer
        assertThat(found("411 111 1111 1111 11")).isEmpty(); // a layout no issuer prints
        assertThat(found("4111 1111-1111 1111")).isEmpty(); // mixed separators
        assertThat(found("x4111111111111111")).isEmpty(); // glued to a word
        assertThat(found("1.4111111111111111")).isEmpty(); // a decimal number
        assertThat(found("41111111111111110")).isEmpty(); // one digit too many for the run
    }
}
