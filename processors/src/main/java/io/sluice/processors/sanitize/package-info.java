/**
 * Detectors that look at prompt and answer text before it leaves or returns: prompt injection
 * ({@code injection}) and personal data and secrets ({@code pii}), as pure, thread-safe functions
 * of a string. They report findings (type, rule, span) and never log or keep the text itself; the
 * gateway's sanitize stage applies a tenant's policy to what they find.
 */
package io.sluice.processors.sanitize;
