package io.sluice.processors.sanitize;

import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.OutputFilter;
import io.sluice.avro.Role;
import io.sluice.processors.sanitize.SanitizePolicy.Action;
import io.sluice.processors.sanitize.SanitizePolicy.PiiRule;
import io.sluice.processors.sanitize.injection.InjectionDetector;
import io.sluice.processors.sanitize.injection.InjectionVerdict;
import io.sluice.processors.sanitize.pii.MaskStyle;
import io.sluice.processors.sanitize.pii.Masker;
import io.sluice.processors.sanitize.pii.PiiDetector;
import io.sluice.processors.sanitize.pii.Pseudonyms;
import io.sluice.processors.tokens.TokenCounter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies a tenant's {@link SanitizePolicy} to one request, in this order: size limits, deny
 * patterns, prompt injection (in user and tool messages: that is where attacks arrive, directly or
 * inside documents), secrets, then other personal data (in every message). The first refusal
 * wins; masking accumulates, with pseudonyms numbered across the request's messages. Findings are
 * reported as counts per detector, type and rule, never with the values.
 */
public final class Sanitizer {
    /** Types the {@code pii} rule covers when it names none: all but secrets, which have their own rule. */
    static final Set<String> DEFAULT_PII_TYPES = Set.of("EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN",
            "IP_ADDRESS", "PERSON");
    static final Set<String> SECRET_TYPES = Set.of("SECRET");

    private final InjectionDetector injection;
    private final PiiDetector pii;

    public Sanitizer(InjectionDetector injection, PiiDetector pii) {
        this.injection = injection;
        this.pii = pii;
    }

    public static Sanitizer standard() {
        return new Sanitizer(InjectionDetector.standard(), PiiDetector.standard());
    }

    /** Refused: the HTTP status, error code and a message that names rules, never content. */
    public record Refusal(int status, String code, String message) {}

    /**
     * What the stage decided.
     *
     * @param request  the request to pass on (masked if anything was masked), or null when refused
     * @param refusal  why it was refused, or null
     * @param counts   {@code detector.type.rule} to the number of findings, for the audit
     * @param output   how the invoker filters the answer
     */
    public record Outcome(AiRequest request, Refusal refusal, Map<String, Integer> counts, OutputFilter output) {
        public boolean refused() {
            return refusal != null;
        }
    }

    public Outcome apply(AiRequest request, SanitizePolicy policy) {
        var counts = new TreeMap<String, Integer>();
        OutputFilter output = outputFilter(policy.output(), Map.of());
        Refusal refusal = limits(request, policy.limits(), policy.inspects());
        if (refusal == null) {
            refusal = deny(request, policy.deny(), counts);
        }
        if (refusal == null) {
            refusal = injection(request, policy.injection(), counts);
        }
        if (refusal != null) {
            return new Outcome(null, refusal, counts, output);
        }
        var pseudonyms = new Pseudonyms();
        List<ChatMessage> messages = new ArrayList<>(request.getMessages());
        var restore = new HashMap<String, String>();
        refusal = pii(messages, policy.secrets(), SECRET_TYPES, "secret_detected", pseudonyms, restore, counts);
        if (refusal == null) {
            refusal = pii(messages, policy.pii(), policy.pii().types().isEmpty() ? DEFAULT_PII_TYPES : policy.pii().types(),
                    "pii_detected", pseudonyms, restore, counts);
        }
        if (refusal != null) {
            return new Outcome(null, refusal, counts, output);
        }
        AiRequest passed = messages.equals(request.getMessages()) ? request
                : AiRequest.newBuilder(request).setMessages(messages).build();
        return new Outcome(passed, null, counts, outputFilter(policy.output(), restore));
    }

    private static Refusal limits(AiRequest request, SanitizePolicy.Limits limits, boolean inspects) {
        List<ChatMessage> messages = request.getMessages();
        if (limits.maxMessages() > 0 && messages.size() > limits.maxMessages()) {
            return new Refusal(400, "too_many_messages", "The request has " + messages.size()
                    + " messages; your organization allows at most " + limits.maxMessages() + ".");
        }
        if (limits.maxRequestBytes() > 0) {
            long bytes = 0;
            for (ChatMessage message : messages) {
                bytes += message.getContent().getBytes(StandardCharsets.UTF_8).length;
            }
            if (bytes > limits.maxRequestBytes()) {
                return new Refusal(413, "request_too_large", "The messages hold " + bytes
                        + " bytes; your organization allows at most " + limits.maxRequestBytes() + ".");
            }
        }
        if (limits.maxScanChars() > 0) {
            long chars = 0;
            for (ChatMessage message : messages) {
                chars += message.getContent().length();
            }
            if (chars > limits.maxScanChars() && inspects) {
                return new Refusal(413, "too_large_to_inspect", "The messages hold " + chars
                        + " characters; your organization's content inspection covers at most " + limits.maxScanChars()
                        + ".");
            }
        }
        if (limits.maxInputTokens() > 0) {
            int tokens = TokenCounter.promptTokens(request);
            if (tokens > limits.maxInputTokens()) {
                return new Refusal(400, "input_tokens_exceeded", "The messages are about " + tokens
                        + " tokens; your organization allows at most " + limits.maxInputTokens() + ".");
            }
        }
        return null;
    }

    private static Refusal deny(AiRequest request, List<SanitizePolicy.DenyRule> rules, Map<String, Integer> counts) {
        for (SanitizePolicy.DenyRule rule : rules) {
            for (ChatMessage message : request.getMessages()) {
                if (rule.pattern().matcher(message.getContent()).find()) {
                    counts.merge("deny.CONTENT." + rule.id(), 1, Integer::sum);
                    return new Refusal(400, "content_denied",
                            "The request matches the content rule `" + rule.id() + "` of your organization.");
                }
            }
        }
        return null;
    }

    private Refusal injection(AiRequest request, SanitizePolicy.InjectionRule rule, Map<String, Integer> counts) {
        if (rule.action() == Action.OFF) {
            return null;
        }
        InjectionVerdict worst = null;
        for (String text : callerText(request)) {
            InjectionVerdict verdict = injection.scan(text);
            if (worst == null || verdict.score() > worst.score()) {
                worst = verdict;
            }
        }
        if (worst == null || !worst.flagged(rule.threshold())) {
            return null;
        }
        worst.findings().forEach(f -> count(counts, f));
        if (rule.action() == Action.BLOCK) {
            String signals = String.join(", ", worst.signals().stream().map(s -> s.id()).distinct().limit(5).toList());
            return new Refusal(400, "prompt_injection_detected", String.format(java.util.Locale.ROOT,
                    "The request looks like a prompt injection (score %.2f: %s) and was not sent to the model.",
                    worst.score(), signals));
        }
        return null;
    }

    /**
     * What the caller wrote, where an injection would come from: user and tool messages, and the
     * values of a published prompt's variables (rendered into its system prompt, which is otherwise
     * the platform's own text and not scanned).
     */
    private static List<String> callerText(AiRequest request) {
        List<String> texts = new ArrayList<>();
        for (ChatMessage message : request.getMessages()) {
            if (message.getRole() == Role.USER || message.getRole() == Role.TOOL) {
                texts.add(message.getContent());
            }
        }
        if (request.getPrompt() != null) {
            texts.addAll(new java.util.TreeMap<>(request.getPrompt().getVariables()).values());
        }
        return texts;
    }

    private Refusal pii(List<ChatMessage> messages, PiiRule rule, Set<String> types, String code, Pseudonyms pseudonyms,
            Map<String, String> restore, Map<String, Integer> counts) {
        if (rule.action() == Action.OFF) {
            return null;
        }
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            var findings = pii.find(message.getContent(), types);
            if (findings.isEmpty()) {
                continue;
            }
            findings.forEach(f -> count(counts, f));
            if (rule.action() == Action.BLOCK) {
                String found = String.join(", ", findings.stream().map(Finding::type).distinct().sorted().toList());
                return new Refusal(422, code, "The request contains " + found
                        + ", which your organization does not allow to be sent to a model.");
            }
            if (rule.action() == Action.MASK) {
                var masked = rule.style() == MaskStyle.PSEUDONYM
                        ? Masker.mask(message.getContent(), findings, pseudonyms)
                        : Masker.mask(message.getContent(), findings, MaskStyle.REDACT);
                if (rule.restore()) {
                    restore.putAll(masked.placeholders());
                }
                messages.set(i, ChatMessage.newBuilder(message).setContent(masked.text()).build());
            }
        }
        return null;
    }

    private static void count(Map<String, Integer> counts, Finding finding) {
        counts.merge(finding.detector() + "." + finding.type() + "." + finding.ruleId(), 1, Integer::sum);
    }

    private static OutputFilter outputFilter(PiiRule rule, Map<String, String> restore) {
        return OutputFilter.newBuilder()
                .setAction(rule.action().name())
                .setStyle(rule.style().name())
                .setTypes(List.copyOf(rule.types()))
                .setRestore(Map.copyOf(restore))
                .build();
    }
}
