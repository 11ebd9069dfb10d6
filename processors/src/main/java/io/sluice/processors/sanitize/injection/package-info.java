/**
 * Prompt-injection detection: {@link io.sluice.processors.sanitize.injection.InjectionDetector}
 * scores a text in [0, 1] and explains the score with
 * {@link io.sluice.processors.sanitize.injection.Signal}s (rule id, style, weight, description) and
 * {@link io.sluice.processors.sanitize.Finding}s (spans of the original text). A tenant chooses
 * its threshold; {@code InjectionDetector.DEFAULT_THRESHOLD} is the one measured on the labelled
 * data set in the tests.
 *
 * <p>Styles: {@code override} (ignore your instructions), {@code roleplay} (personas without
 * rules, jailbreak modes), {@code fake_marker} (chat-template tokens, role labels and tags),
 * {@code extraction} (print your system prompt), {@code hidden_instruction} (orders to an AI
 * hidden in documents, mails, web pages and tool output) and {@code obfuscation} (encodings,
 * invisible chars, look-alikes, leetspeak). Rules exist for English, German, French, Spanish and
 * Chinese; vocabularies live in {@code *Terms}, the rule shapes in {@code RuleTemplates}.
 *
 * <p>A learned model ({@code InjectionModel}, features in {@code ModelFeatures}) adds one signal of
 * style {@code model}; its weights are the resource {@code injection-model.bin.gz}, written by
 * {@code InjectionModelTrainer} in the tests, by hand, never by the build.
 *
 * <p>Everything here is pure and thread-safe, runs in time linear in the text with bounded
 * decoding, and must never log, keep or echo the scanned text: signals describe rules, findings
 * carry offsets only.
 */
package io.sluice.processors.sanitize.injection;
