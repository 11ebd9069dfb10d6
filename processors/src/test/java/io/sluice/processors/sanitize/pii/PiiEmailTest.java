package io.sluice.processors.sanitize.pii;

import static io.sluice.processors.sanitize.pii.PiiTestSupport.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiEmailTest {

    @Test
    void addresses() {
        assertThat(found("mail j.doe+tag@mail.example.co.uk.")).containsExactly("EMAIL:j.doe+tag@mail.example.co.uk");
        assertThat(found("<O'Brien@Example.IE>")).containsExactly("EMAIL:O'Brien@Example.IE");
        assertThat(found("'lena@example.de'")).containsExactly("EMAIL:lena@example.de");
        assertThat(found("a@b-c.io, d_e@f.org")).containsExactly("EMAIL:a@b-c.io", "EMAIL:d_e@f.org");
    }

    @Test
    void notAddresses() {
        assertThat(found("npm i left-pad@1.3.0 and @types/node")).isEmpty();
        assertThat(found("https://public@sentry.example.com/42")).isEmpty();
        assertThat(found("user@localhost and user@host.c and a.@b.com")).isEmpty();
        assertThat(found("@mention me")).isEmpty();
    }
}
