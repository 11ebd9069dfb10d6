package io.sluice.processors.sanitize;

import io.sluice.processors.sanitize.pii.MaskStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a tenant's sanitize stage does, detector by detector. Validated on construction; messages
 * name the configuration path.
 *
 * @param injection prompt injection in the request: {@code block}, {@code flag} or {@code off}
 * @param pii       personal data in the request (every type but secrets)
 * @param secrets   API keys, tokens and private keys in the request
 * @param output    personal data and secrets in the answer (streamed or not): {@code mask},
 *                  {@code flag} or {@code off}
 * @param limits    size limits of a request
 * @param deny      patterns a request must not contain
 * @param auditText whether the audit trail keeps the prompt and the answer (masked for personal
 *                  data before they are chained); off by default
 */
public record SanitizePolicy(
        InjectionRule injection,
        PiiRule pii,
        PiiRule secrets,
        PiiRule output,
        Limits limits,
        List<DenyRule> deny,
        boolean auditText) {

    /** A policy whose audit trail keeps no text. */
    public SanitizePolicy(InjectionRule injection, PiiRule pii, PiiRule secrets, PiiRule output, Limits limits,
            List<DenyRule> deny) {
        this(injection, pii, secrets, output, limits, deny, false);
    }

    /** What happens when a detector finds something. */
    public enum Action {
        /** Refuse the request with an error naming the reason; nothing is sent to a provider. */
        BLOCK,
        /** Replace what was found with a placeholder and go on. */
        MASK,
        /** Go on unchanged and record the finding in the audit trail. */
        FLAG,
        /** Do not look. */
        OFF;

        /** Reads a configured action; YAML 1.1 reads an unquoted {@code off} as {@code false}, which means off too. */
        public static Action parse(String path, String value) {
            if ("false".equalsIgnoreCase(String.valueOf(value).trim())) {
                return OFF;
            }
            try {
                return Action.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(path + " must be block, mask, flag or off");
            }
        }
    }

    /** The injection detector's rule: flagged at or above {@code threshold} (0..1). */
    public record InjectionRule(Action action, double threshold) {
        public InjectionRule {
            Objects.requireNonNull(action, "action");
            if (action == Action.MASK) {
                throw new IllegalArgumentException("sanitize.injection.action must be block, flag or off (an injection cannot be masked)");
            }
            if (!(threshold > 0 && threshold <= 1)) {
                throw new IllegalArgumentException("sanitize.injection.threshold must be in (0, 1]");
            }
        }
    }

    /**
     * A PII rule.
     *
     * @param types   the finding types it covers (e.g. {@code EMAIL}); empty means the detector's default set
     * @param restore with {@link MaskStyle#PSEUDONYM}: put the original values back into the answer
     */
    public record PiiRule(Action action, MaskStyle style, Set<String> types, boolean restore) {
        public PiiRule {
            Objects.requireNonNull(action, "action");
            style = style == null ? MaskStyle.PSEUDONYM : style;
            types = types == null ? Set.of() : Set.copyOf(types);
            if (restore && style != MaskStyle.PSEUDONYM) {
                throw new IllegalArgumentException("sanitize: restore needs style pseudonym (redacted values cannot be told apart)");
            }
        }

        public static PiiRule off() {
            return new PiiRule(Action.OFF, MaskStyle.PSEUDONYM, Set.of(), false);
        }
    }

    /**
     * Size limits; 0 means no limit.
     *
     * @param maxRequestBytes  the bytes of all message contents together (UTF-8)
     * @param maxMessages      messages in one request
     * @param maxInputTokens   estimated input tokens (o200k tokenizer)
     * @param maxScanChars     the most characters the detectors inspect in one request: scanning
     *                         runs on the gateway's stream thread at a few MB/s, so a larger
     *                         request is refused (413 {@code too_large_to_inspect}) rather than
     *                         holding up every other request of its partitions, or passed unscanned
     *                         when every detector is off
     */
    public record Limits(int maxRequestBytes, int maxMessages, int maxInputTokens, int maxScanChars) {
        /** The default scan budget: 256 Ki characters, about 60 ms of detection. */
        public static final int DEFAULT_MAX_SCAN_CHARS = 262_144;

        public Limits {
            if (maxRequestBytes < 0 || maxMessages < 0 || maxInputTokens < 0 || maxScanChars < 0) {
                throw new IllegalArgumentException("sanitize.limits must not be negative");
            }
        }

        public static Limits none() {
            return new Limits(0, 0, 0, DEFAULT_MAX_SCAN_CHARS);
        }
    }

    /** A pattern no request may contain, with the id its refusals and audit events name. */
    public record DenyRule(String id, Pattern pattern) {
        public DenyRule {
            if (id == null || !id.matches("[a-zA-Z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("sanitize.deny[].id must be 1-64 letters, digits, '.', '_' or '-'");
            }
            Objects.requireNonNull(pattern, "pattern");
        }

        /** Compiles {@code regex} case-insensitively; a bad pattern is a configuration error naming the rule. */
        public static DenyRule of(String id, String regex) {
            try {
                return new DenyRule(id, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("sanitize.deny[id=" + id + "].pattern is not a valid regex: "
                        + e.getDescription());
            }
        }
    }

    public SanitizePolicy {
        Objects.requireNonNull(injection, "injection");
        pii = pii == null ? PiiRule.off() : pii;
        secrets = secrets == null ? PiiRule.off() : secrets;
        output = output == null ? PiiRule.off() : output;
        limits = limits == null ? Limits.none() : limits;
        deny = deny == null ? List.of() : List.copyOf(deny);
        if (output.action() == Action.BLOCK) {
            throw new IllegalArgumentException("sanitize.output.action must be mask, flag or off");
        }
    }

    /**
     * The default: injections and secrets blocked, other personal data flagged in the audit (a
     * prompt is never changed unless a tenant asks for masking), answers passed as they come
     * (filtering a stream holds back its last few dozen characters, which delays every token).
     */
    public static SanitizePolicy standard(double injectionThreshold) {
        return new SanitizePolicy(
                new InjectionRule(Action.BLOCK, injectionThreshold),
                new PiiRule(Action.FLAG, MaskStyle.PSEUDONYM, Set.of(), false),
                new PiiRule(Action.BLOCK, MaskStyle.REDACT, Set.of(), false),
                PiiRule.off(),
                Limits.none(),
                List.of());
    }

    /** Whether any detector looks at the request's text. */
    public boolean inspects() {
        return injection.action() != Action.OFF || pii.action() != Action.OFF || secrets.action() != Action.OFF;
    }

    /** Everything off: the request passes untouched. */
    public static SanitizePolicy off() {
        return new SanitizePolicy(new InjectionRule(Action.OFF, 1.0), PiiRule.off(), PiiRule.off(), PiiRule.off(),
                Limits.none(), List.of());
    }
}
