package io.sluice.processors.sanitize.pii;

import io.sluice.processors.sanitize.Finding;
import java.util.List;

/** What a detector found, as "TYPE:value" strings, for readable assertions. */
final class PiiTestSupport {
    private PiiTestSupport() {
    }

    static final PiiDetector DETECTOR = PiiDetector.standard();

    static List<String> found(String text) {
        return values(text, DETECTOR.find(text));
    }

    static List<String> values(String text, List<Finding> findings) {
        return findings.stream().map(f -> f.type() + ":" + text.substring(f.start(), f.end())).toList();
    }

    static List<String> rules(String text) {
        return DETECTOR.find(text).stream().map(Finding::ruleId).toList();
    }
}
