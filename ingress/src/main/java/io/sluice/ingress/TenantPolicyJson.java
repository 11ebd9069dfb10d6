package io.sluice.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.avro.TenantBudget;
import io.sluice.avro.TenantPolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A tenant's policy as the admin API reads and shows it:
 * <pre>{@code
 * {"requests_per_minute": 600, "tokens_per_minute": 200000, "regions": ["eu"],
 *  "budgets": [{"period": "month", "limit": "5000.00"}, {"app": "web", "period": "day", "limit": "50", "mode": "soft"}],
 *  "sanitize": {"injection": "block", "injection_threshold": 0.5, "pii": "mask", "secrets": "block", "audit_text": false}}
 * }</pre>
 * Every field is optional; one left out means the gateway's default. Money is read as a decimal
 * string or number of dollars and kept as integer micro-dollars. Everything the gateway would
 * refuse is refused here, naming the field, so that a stored policy always applies as written.
 */
final class TenantPolicyJson {
    static final Set<String> FIELDS = Set.of("requests_per_minute", "tokens_per_minute", "regions", "budgets",
            "sanitize");
    private static final Set<String> BUDGET_FIELDS = Set.of("app", "period", "limit", "mode");
    private static final Set<String> SANITIZE_FIELDS = Set.of("injection", "injection_threshold", "pii", "secrets",
            "audit_text");
    private static final Set<String> INJECTION_ACTIONS = Set.of("block", "flag", "off");
    private static final Set<String> PII_ACTIONS = Set.of("block", "mask", "flag", "off");
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TenantPolicyJson() {}

    /** The policy {@code body} states (its other fields, such as the tenant's id, are the caller's). */
    static TenantPolicy read(JsonNode body) {
        TenantPolicy.Builder policy = TenantPolicy.newBuilder()
                .setRequestsPerMinute(AdminHandler.positive(body, "requests_per_minute"))
                .setTokensPerMinute(AdminHandler.positive(body, "tokens_per_minute"))
                .setBudgets(budgets(body.get("budgets")));
        if (body.hasNonNull("regions")) {
            List<String> list = AdminHandler.strings(body, "regions");
            if (list.isEmpty()) {
                throw new ApiException(ApiError.invalidValue(
                        "'regions' must name at least one region; leave it out to allow every region.", "regions"));
            }
            policy.setRegions(list);
        }
        JsonNode sanitize = body.get("sanitize");
        if (sanitize != null && !sanitize.isNull()) {
            requireObject(sanitize, "sanitize", SANITIZE_FIELDS);
            policy.setInjection(action(sanitize, "injection", INJECTION_ACTIONS))
                    .setPii(action(sanitize, "pii", PII_ACTIONS))
                    .setSecrets(action(sanitize, "secrets", PII_ACTIONS));
            JsonNode threshold = sanitize.get("injection_threshold");
            if (threshold != null && !threshold.isNull()) {
                if (!threshold.isNumber() || !(threshold.asDouble() > 0 && threshold.asDouble() <= 1)) {
                    throw new ApiException(ApiError.invalidValue(
                            "'sanitize.injection_threshold' must be a number in (0, 1].", "sanitize.injection_threshold"));
                }
                policy.setInjectionThreshold(threshold.asDouble());
            }
            JsonNode auditText = sanitize.get("audit_text");
            if (auditText != null && !auditText.isNull()) {
                if (!auditText.isBoolean()) {
                    throw new ApiException(ApiError.invalidType("sanitize.audit_text", "a boolean"));
                }
                policy.setAuditText(auditText.asBoolean());
            }
        }
        return policy.build();
    }

    /** The policy given as an object of its own (as {@code policy} of a new tenant); null when absent. */
    static TenantPolicy nested(JsonNode policy) {
        if (policy == null || policy.isNull()) {
            return null;
        }
        requireObject(policy, "policy", FIELDS);
        return read(policy);
    }

    /** The policy as the admin API shows it; an absent policy is an empty object. */
    static ObjectNode view(TenantPolicy policy) {
        ObjectNode node = JSON.createObjectNode();
        if (policy == null) {
            return node;
        }
        putIfSet(node, "requests_per_minute", policy.getRequestsPerMinute());
        putIfSet(node, "tokens_per_minute", policy.getTokensPerMinute());
        if (policy.getRegions() != null) {
            policy.getRegions().forEach(node.putArray("regions")::add);
        }
        ArrayNode budgets = JSON.createArrayNode();
        for (TenantBudget budget : policy.getBudgets()) {
            ObjectNode b = budgets.addObject();
            if (budget.getApp() != null) {
                b.put("app", budget.getApp());
            }
            b.put("period", budget.getPeriod()).put("limit", dollars(budget.getLimitMicros()))
                    .put("mode", budget.getHard() ? "hard" : "soft");
        }
        if (!budgets.isEmpty()) {
            node.set("budgets", budgets);
        }
        ObjectNode sanitize = JSON.createObjectNode();
        putIfSet(sanitize, "injection", policy.getInjection());
        if (policy.getInjectionThreshold() != null) {
            sanitize.put("injection_threshold", policy.getInjectionThreshold());
        }
        putIfSet(sanitize, "pii", policy.getPii());
        putIfSet(sanitize, "secrets", policy.getSecrets());
        if (policy.getAuditText() != null) {
            sanitize.put("audit_text", policy.getAuditText());
        }
        if (!sanitize.isEmpty()) {
            node.set("sanitize", sanitize);
        }
        return node;
    }

    private static List<TenantBudget> budgets(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ApiException(ApiError.invalidType("budgets", "an array of budgets"));
        }
        List<TenantBudget> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String path = "budgets[" + i + "]";
            JsonNode item = value.get(i);
            requireObject(item, path, BUDGET_FIELDS);
            String app = text(item, "app", path);
            String period = text(item, "period", path);
            if (period == null || !Set.of("day", "month").contains(period.toLowerCase(Locale.ROOT))) {
                throw new ApiException(ApiError.invalidValue("'" + path + ".period' must be day or month.",
                        path + ".period"));
            }
            String mode = text(item, "mode", path);
            if (mode != null && !Set.of("hard", "soft").contains(mode.toLowerCase(Locale.ROOT))) {
                throw new ApiException(ApiError.invalidValue("'" + path + ".mode' must be hard or soft.",
                        path + ".mode"));
            }
            TenantBudget budget = TenantBudget.newBuilder().setApp(app).setPeriod(period.toLowerCase(Locale.ROOT))
                    .setLimitMicros(micros(item.get("limit"), path + ".limit"))
                    .setHard(mode == null || mode.equalsIgnoreCase("hard")).build();
            boolean repeated = out.stream().anyMatch(b -> java.util.Objects.equals(b.getApp(), budget.getApp())
                    && b.getPeriod().equals(budget.getPeriod()));
            if (repeated) {
                throw new ApiException(ApiError.invalidValue("'" + path + "' repeats the "
                        + budget.getPeriod() + " budget of " + (app == null ? "the tenant" : "app `" + app + "`") + ".",
                        path));
            }
            out.add(budget);
        }
        return out;
    }

    /** Dollars, as a string or a number, to micro-dollars; no fraction of a micro-dollar. */
    private static long micros(JsonNode value, String path) {
        if (value == null || value.isNull() || !(value.isTextual() || value.isNumber())) {
            throw new ApiException(ApiError.invalidType(path, "an amount of dollars, such as \"50.00\""));
        }
        try {
            BigDecimal dollars = new BigDecimal(value.asText().trim());
            if (dollars.signum() < 0) {
                throw new NumberFormatException("negative");
            }
            return dollars.multiply(MICROS).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ApiException(ApiError.invalidValue("'" + path
                    + "' must be a non-negative amount of dollars with at most six decimals.", path));
        }
    }

    private static String dollars(long micros) {
        BigDecimal dollars = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
        return (dollars.scale() < 2 ? dollars.setScale(2) : dollars).toPlainString();
    }

    private static String action(JsonNode node, String field, Set<String> allowed) {
        String value = text(node, field, "sanitize");
        if (value == null) {
            return null;
        }
        String action = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(action)) {
            throw new ApiException(ApiError.invalidValue("'sanitize." + field + "' must be one of "
                    + new java.util.TreeSet<>(allowed) + ".", "sanitize." + field));
        }
        return action;
    }

    private static void requireObject(JsonNode node, String path, Set<String> fields) {
        if (node == null || !node.isObject()) {
            throw new ApiException(ApiError.invalidType(path, "an object"));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new ApiException(ApiError.unknownParameter(path + "." + name));
            }
        }
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ApiException(ApiError.invalidType(path + "." + field, "a string"));
        }
        return value.asText();
    }

    private static void putIfSet(ObjectNode node, String field, Object value) {
        if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value != null) {
            node.put(field, value.toString());
        }
    }
}
