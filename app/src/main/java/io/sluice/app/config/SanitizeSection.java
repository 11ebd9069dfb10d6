package io.sluice.app.config;

import java.util.List;

/**
 * The sanitize stage's policy: at the top level the default of every tenant, under a tenant
 * the parts that differ for it (each part given replaces the default's part whole). Unset
 * parts fall back to Sluice's standard policy: injections and secrets blocked, other personal
 * data flagged in the audit, answers passed unfiltered.
 *
 * @param auditText keep the prompt and the answer in the audit trail, masked for personal data
 *                  (default false: the trail records no text)
 */
public record SanitizeSection(
        InjectionSection injection,
        PiiSection pii,
        PiiSection secrets,
        PiiSection output,
        LimitsSection limits,
        List<DenySection> deny,
        Boolean auditText) {
    static final SanitizeSection EMPTY = new SanitizeSection(null, null, null, null, null, null, null);

    /** {@code action}: block, flag or off; {@code threshold}: 0..1, flagged at or above. */
    public record InjectionSection(String action, Double threshold) {}

    /** {@code action}: block, mask, flag or off; {@code style}: redact or pseudonym; {@code types}: e.g. [EMAIL, PHONE]. */
    public record PiiSection(String action, String style, List<String> types, Boolean restore) {}

    /** Size limits of a request; 0 or absent means none. */
    public record LimitsSection(Integer maxRequestBytes, Integer maxMessages, Integer maxInputTokens, Integer maxScanChars) {}

    /** A regular expression (case-insensitive) no request may match, and the id refusals name. */
    public record DenySection(String id, String pattern) {}
}
