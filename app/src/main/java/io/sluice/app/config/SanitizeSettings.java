package io.sluice.app.config;

import io.sluice.processors.sanitize.SanitizePolicies;
import io.sluice.processors.sanitize.SanitizePolicy.Action;
import io.sluice.processors.sanitize.SanitizePolicy.DenyRule;
import io.sluice.processors.sanitize.SanitizePolicy.InjectionRule;
import io.sluice.processors.sanitize.SanitizePolicy.Limits;
import io.sluice.processors.sanitize.SanitizePolicy.PiiRule;
import io.sluice.processors.sanitize.SanitizePolicy;
import io.sluice.processors.sanitize.pii.MaskStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the {@code sanitize} sections (top level, then per tenant) into policies: Sluice's standard
 * policy, overridden part by part by the top-level section, then by the tenant's.
 */
final class SanitizeSettings {
    /** The injection threshold when none is configured. */
    static final double DEFAULT_INJECTION_THRESHOLD = 0.5;

    private SanitizeSettings() {}

    static SanitizePolicies policies(SluiceConfig config) {
        SanitizePolicy defaults = apply(SanitizePolicy.standard(DEFAULT_INJECTION_THRESHOLD), config.sanitize(), "sanitize");
        Map<String, SanitizePolicy> byTenant = new HashMap<>();
        for (SluiceConfig.TenantSection tenant : config.tenants()) {
            if (tenant.sanitize() != SanitizeSection.EMPTY) {
                byTenant.put(tenant.id(), apply(defaults, tenant.sanitize(), "tenants[id=" + tenant.id() + "].sanitize"));
            }
        }
        return new SanitizePolicies(defaults, byTenant);
    }

    private static SanitizePolicy apply(SanitizePolicy base, SanitizeSection section, String path) {
        try {
            return new SanitizePolicy(
                    section.injection() == null ? base.injection() : injection(section.injection(), base.injection(), path),
                    section.pii() == null ? base.pii() : pii(section.pii(), base.pii(), path + ".pii"),
                    section.secrets() == null ? base.secrets() : pii(section.secrets(), base.secrets(), path + ".secrets"),
                    section.output() == null ? base.output() : pii(section.output(), base.output(), path + ".output"),
                    section.limits() == null ? base.limits() : limits(section.limits()),
                    section.deny() == null ? base.deny() : deny(section.deny(), path),
                    section.auditText() == null ? base.auditText() : section.auditText());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage().startsWith("sanitize") ? path + e.getMessage().substring(8)
                    : path + ": " + e.getMessage());
        }
    }

    private static InjectionRule injection(SanitizeSection.InjectionSection s, InjectionRule base, String path) {
        Action action = s.action() == null ? base.action() : Action.parse(path + ".injection.action", s.action());
        return new InjectionRule(action, s.threshold() == null ? base.threshold() : s.threshold());
    }

    private static PiiRule pii(SanitizeSection.PiiSection s, PiiRule base, String path) {
        Action action = s.action() == null ? base.action() : Action.parse(path + ".action", s.action());
        MaskStyle style = base.style();
        if (s.style() != null) {
            try {
                style = MaskStyle.valueOf(s.style().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(path + ".style must be redact or pseudonym");
            }
        }
        Set<String> types = s.types() == null ? base.types()
                : s.types().stream().map(t -> t.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        boolean restore = s.restore() == null ? base.restore() && style == MaskStyle.PSEUDONYM : s.restore();
        return new PiiRule(action, style, types, restore);
    }

    private static Limits limits(SanitizeSection.LimitsSection s) {
        return new Limits(orZero(s.maxRequestBytes()), orZero(s.maxMessages()), orZero(s.maxInputTokens()),
                s.maxScanChars() == null ? Limits.DEFAULT_MAX_SCAN_CHARS : s.maxScanChars());
    }

    private static List<DenyRule> deny(List<SanitizeSection.DenySection> sections, String path) {
        return sections.stream().map(d -> {
            if (d.pattern() == null || d.pattern().isEmpty()) {
                throw new ConfigException(path + ".deny[id=" + d.id() + "].pattern is required");
            }
            return DenyRule.of(d.id(), d.pattern());
        }).toList();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
