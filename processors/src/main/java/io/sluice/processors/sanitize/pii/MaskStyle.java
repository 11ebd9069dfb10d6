package io.sluice.processors.sanitize.pii;

/** How {@link Masker} replaces a finding. */
public enum MaskStyle {
    /** {@code [EMAIL]}: every value of a type looks the same; nothing can be put back. */
    REDACT,
    /** {@code [EMAIL_1]}: numbered per distinct value within one request; can be put back. */
    PSEUDONYM
}
