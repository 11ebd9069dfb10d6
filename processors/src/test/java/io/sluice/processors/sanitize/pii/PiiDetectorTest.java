package io.sluice.processors.sanitize.pii;

import static io.sluice.processors.sanitize.pii.PiiTestSupport.DETECTOR;
import static io.sluice.processors.sanitize.pii.PiiTestSupport.found;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.processors.sanitize.Finding;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {

    @Test
    void findingsAreSortedNonOverlappingAndNameTheDetector() {
        String text = "Mail lena@example.de, card 4111 1111 1111 1111, call +44 20 7946 0958 from 10.0.0.7.";
        List<Finding> findings = DETECTOR.find(text);
        assertThat(findings).extracting(Finding::type)
                .containsExactly("EMAIL", "CREDIT_CARD", "PHONE", "IP_ADDRESS");
        assertThat(findings).allSatisfy(f -> assertThat(f.detector()).isEqualTo("pii"));
        for (int k = 1; k < findings.size(); k++) {
            assertThat(findings.get(k).start()).isGreaterThanOrEqualTo(findings.get(k - 1).end());
        }
    }

    @Test
    void strongerEvidenceWins() {
        // a Luhn-valid card is not also a phone number; an e-mail's digits are not a phone number
        assertThat(found("4111111111111111")).containsExactly("CREDIT_CARD:4111111111111111");
        assertThat(found("tel.4155550132@example.com")).containsExactly("EMAIL:tel.4155550132@example.com");
    }

    @Test
    void onlyTheRequestedTypesAreReportedAndStrongerOnesStillShadow() {
        String text = "lena@example.de, 4111 1111 1111 1111, (415) 555-0132";
        assertThat(PiiTestSupport.values(text, DETECTOR.find(text, Set.of("EMAIL")))).containsExactly("EMAIL:lena@example.de");
        assertThat(PiiTestSupport.values(text, DETECTOR.find(text, Set.of("PHONE")))).containsExactly("PHONE:(415) 555-0132");
        assertThat(DETECTOR.find("4111111111111111", Set.of("PHONE"))).isEmpty();
        assertThat(DETECTOR.find(text, Set.of())).isEmpty();
    }

    @Test
    void hugeAndHostileInputsTakeLinearTime() {
        List<String> hostile = List.of(
                "a".repeat(200_000),
                "@".repeat(50_000) + "a.".repeat(50_000),
                "1".repeat(100_000),
                "1 ".repeat(50_000),
                ":".repeat(50_000) + "1:".repeat(50_000),
                "1.".repeat(50_000),
                "password=".repeat(10_000),
                "-----BEGIN PRIVATE KEY-----".repeat(4_000),
                "eyJ".repeat(30_000) + ".",
                "Dr. Ab ".repeat(15_000),
                "Zk8Qw2Lm9Xr4Tv7Bn3Cd6Fg1Hj5Kp0Ab ".repeat(3_000),
                "lena@example.de +44 20 7946 0958 4111 1111 1111 1111 ".repeat(2_000));
        for (String text : hostile) {
            long started = System.nanoTime();
            DETECTOR.find(text);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            // about 100k chars each: backtracking would take hours; 30 s leaves room for a loaded CI machine (not a speed figure: see bench/)
            assertThat(took).as("%d chars starting %s", text.length(), text.substring(0, 12)).isLessThan(Duration.ofSeconds(30));
        }
    }
}
