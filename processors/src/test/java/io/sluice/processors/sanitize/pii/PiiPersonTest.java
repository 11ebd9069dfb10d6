package io.sluice.processors.sanitize.pii;

import static io.sluice.processors.sanitize.pii.PiiTestSupport.found;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiPersonTest {

    @Test
    void namesAfterTitlesIntroductionsGreetingsAndSignOffs() {
        assertThat(found("Dr. Ana Lima and Mrs Okafor met")).containsExactly("PERSON:Ana Lima", "PERSON:Okafor");
        assertThat(found("Prof. Jan van der Berg spoke")).containsExactly("PERSON:Jan van der Berg");
        assertThat(found("My name is Tomás Ruiz.")).containsExactly("PERSON:Tomás Ruiz");
        assertThat(found("Hi Priya, see you")).containsExactly("PERSON:Priya");
        assertThat(found("Best regards,\nLena Fischer\n")).containsExactly("PERSON:Lena Fischer");
    }

    @Test
    void greetingsToGroupsAreNotNames() {
        assertThat(found("Dear Team, hello All! Hi There,")).isEmpty();
    }
}
