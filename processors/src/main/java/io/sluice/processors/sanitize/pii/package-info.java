/**
 * Personal data and secrets in prompts and answers (detector {@code pii}).
 *
 * <p>{@link io.sluice.processors.sanitize.pii.PiiDetector} finds e-mail addresses, phone numbers
 * (libphonenumber), payment cards (issuer ranges and Luhn), IBANs (country length and mod 97), US
 * SSNs (issuing rules), IPv4/IPv6 addresses, secrets (vendor key prefixes, JWTs, PEM private keys,
 * passwords in URLs and assignments, high-entropy tokens) and, best effort, person names where the
 * text says so. {@link io.sluice.processors.sanitize.pii.Masker} replaces findings with
 * {@code [EMAIL]} or numbered {@code [EMAIL_1]} placeholders (numbered per request through
 * {@link io.sluice.processors.sanitize.pii.Pseudonyms}) and puts values back into an answer;
 * {@link io.sluice.processors.sanitize.pii.StreamingFilter} masks an answer as it streams, with a
 * bounded look-behind.
 *
 * <p>Everything here is a pure function of its input apart from the per-request
 * {@code Pseudonyms} and per-stream {@code StreamingFilter}. Scanners are single passes or
 * precompiled patterns with bounded repetitions (linear in the text). Nothing here logs, and
 * nothing keeps a text or a value beyond the request it belongs to; findings carry spans, never
 * values. The scanners are package-private: add a type by adding a scanner and its rank in
 * {@code Candidate}.
 */
package io.sluice.processors.sanitize.pii;
