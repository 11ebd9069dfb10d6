package io.sluice.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.sluice.avro.ApprovalRole;
import io.sluice.avro.ModelState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's routes for tenants and keys, the model registry and published prompts ({@code /v1/admin/...}; the router lets only admin
 * keys reach them). Reads and checks the request on the event loop, runs the operation on the
 * admin thread (it waits for Kafka), and answers from there.
 */
final class AdminHandler {
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    static final String TENANTS = "/v1/admin/tenants";
    static final String POLICY = "/v1/admin/tenants/policy";
    static final String KEYS = "/v1/admin/keys";
    static final String ROTATE = "/v1/admin/keys/rotate";
    static final String REVOKE = "/v1/admin/keys/revoke";
    static final String MODELS = "/v1/admin/models";
    static final String VERSIONS = "/v1/admin/models/versions";
    static final String APPROVE = "/v1/admin/models/approve";
    static final String TRANSITION = "/v1/admin/models/transition";
    static final String ALIAS = "/v1/admin/models/alias";
    static final String PROMPTS = "/v1/admin/prompts";
    static final String PROMPT_LABEL = "/v1/admin/prompts/label";
    static final String PROMPT_ROLLBACK = "/v1/admin/prompts/rollback";

    /** One operation of an admin key; throws {@link ApiException} for what the client should hear. */
    private interface Operation {
        byte[] run(String adminKeyId);
    }

    /** As {@link Operation}, choosing its own status. */
    private interface Answer {
        io.netty.handler.codec.http.FullHttpResponse run(String adminKeyId);
    }

    private final ApiKeyAuthenticator auth;
    private final ChatRequestParser parser;
    private final TenantAdmin admin;
    private final ModelAdmin registry;
    private final PromptAdmin prompts;
    private final Executor adminThread;

    AdminHandler(ApiKeyAuthenticator auth, ChatRequestParser parser, TenantAdmin admin, ModelAdmin registry,
            PromptAdmin prompts, Executor adminThread) {
        this.auth = auth;
        this.parser = parser;
        this.admin = admin;
        this.registry = registry;
        this.prompts = prompts;
        this.adminThread = adminThread;
    }

    RouteTable.Builder addTo(RouteTable.Builder table) {
        return table
                .adminRoute("admin_tenants", HttpMethod.GET, TENANTS, RouteTable.guarded(this::listTenants))
                .adminRoute("admin_tenants", HttpMethod.POST, TENANTS, RouteTable.guarded(this::createTenant))
                .adminRoute("admin_tenants_policy", HttpMethod.POST, POLICY, RouteTable.guarded(this::setPolicy))
                .adminRoute("admin_keys", HttpMethod.POST, KEYS, RouteTable.guarded(this::createKey))
                .adminRoute("admin_keys_rotate", HttpMethod.POST, ROTATE, RouteTable.guarded(this::rotateKey))
                .adminRoute("admin_keys_revoke", HttpMethod.POST, REVOKE, RouteTable.guarded(this::revokeKey))
                .adminRoute("admin_models", HttpMethod.GET, MODELS, RouteTable.guarded(this::listModels))
                .adminRoute("admin_models", HttpMethod.POST, MODELS, RouteTable.guarded(this::createModel))
                .adminRoute("admin_models_versions", HttpMethod.POST, VERSIONS, RouteTable.guarded(this::addVersion))
                .adminRoute("admin_models_approve", HttpMethod.POST, APPROVE, RouteTable.guarded(this::approve))
                .adminRoute("admin_models_transition", HttpMethod.POST, TRANSITION, RouteTable.guarded(this::transition))
                .adminRoute("admin_models_alias", HttpMethod.POST, ALIAS, RouteTable.guarded(this::alias))
                .adminRoute("admin_prompts", HttpMethod.GET, PROMPTS, RouteTable.guarded(this::listPrompts))
                .adminRoute("admin_prompts", HttpMethod.POST, PROMPTS, RouteTable.guarded(this::publishPrompt))
                .adminRoute("admin_prompts_label", HttpMethod.POST, PROMPT_LABEL, RouteTable.guarded(this::labelPrompt))
                .adminRoute("admin_prompts_rollback", HttpMethod.POST, PROMPT_ROLLBACK, RouteTable.guarded(this::rollbackPrompt));
    }

    private void listTenants(Exchange exchange) {
        List<String> tenant = new QueryStringDecoder(exchange.request().uri()).parameters().get("tenant");
        String only = tenant == null || tenant.isEmpty() ? null : tenant.get(0);
        run(exchange, HttpResponseStatus.OK, id -> admin.list(only));
    }

    private void createTenant(Exchange exchange) {
        JsonNode body = body(exchange, Set.of("id", "apps", "policy"));
        String tenant = text(body, "id");
        List<String> apps = strings(body, "apps");
        var stated = TenantPolicyJson.nested(body.get("policy"));
        run(exchange, HttpResponseStatus.CREATED, id -> admin.createTenant(id, tenant, apps, stated));
    }

    /** Replaces a tenant's whole policy: a field left out goes back to the gateway's default. */
    private void setPolicy(Exchange exchange) {
        Set<String> fields = new java.util.HashSet<>(TenantPolicyJson.FIELDS);
        fields.add("tenant");
        JsonNode body = body(exchange, fields);
        String tenant = text(body, "tenant");
        var policy = TenantPolicyJson.read(body);
        run(exchange, HttpResponseStatus.OK, id -> admin.setPolicy(id, tenant, policy));
    }

    private void createKey(Exchange exchange) {
        JsonNode body = body(exchange, Set.of("tenant", "app", "id", "models", "requests_per_minute",
                "tokens_per_minute"));
        String tenant = text(body, "tenant");
        String app = body.has("app") ? text(body, "app") : "default";
        String keyId = body.has("id") ? text(body, "id") : null;
        var scopes = new TenantAdmin.Scopes(strings(body, "models"), positive(body, "requests_per_minute"),
                positive(body, "tokens_per_minute"));
        run(exchange, HttpResponseStatus.CREATED, id -> admin.createKey(id, tenant, app, keyId, scopes));
    }

    private void rotateKey(Exchange exchange) {
        JsonNode body = body(exchange, Set.of("tenant", "id"));
        String tenant = text(body, "tenant");
        String keyId = text(body, "id");
        run(exchange, HttpResponseStatus.OK, id -> admin.rotateKey(id, tenant, keyId));
    }

    private void revokeKey(Exchange exchange) {
        JsonNode body = body(exchange, Set.of("tenant", "id"));
        String tenant = text(body, "tenant");
        String keyId = text(body, "id");
        run(exchange, HttpResponseStatus.OK, id -> admin.revokeKey(id, tenant, keyId));
    }

    private void listModels(Exchange exchange) {
        List<String> name = new QueryStringDecoder(exchange.request().uri()).parameters().get("name");
        String only = name == null || name.isEmpty() ? null : name.get(0);
        run(exchange, HttpResponseStatus.OK, id -> registry.list(only));
    }

    private void createModel(Exchange exchange) {
        JsonNode body = body(exchange, Set.of("name", "owner", "team", "description", "team_tenants",
                "review_tenants"));
        String name = text(body, "name");
        String owner = text(body, "owner");
        String team = text(body, "team");
        String description = text(body, "description");
        List<String> teamTenants = strings(body, "team_tenants");
        List<String> reviewTenants = strings(body, "review_tenants");
        run(exchange, HttpResponseStatus.CREATED,
                id -> registry.createModel(id, name, owner, team, description, teamTenants, reviewTenants));
    }

    private void addVersion(Exchange exchange) {
        JsonNode body = body(exchange, Set.of("model", "served_by", "owner", "team", "lineage", "metrics"));
        String model = text(body, "model");
        var spec = new ModelAdmin.NewVersion(text(body, "served_by"), text(body, "owner"), text(body, "team"),
                strings(body, "lineage"), numbers(body, "metrics"));
        run(exchange, HttpResponseStatus.CREATED, id -> registry.addVersion(id, model, spec));
    }

    private void approve(Exchange exchange) {
        JsonNode body = body(exchange, Set.of("model", "version", "role", "approver", "note"));
        String model = text(body, "model");
        int version = required(positive(body, "version"), "version");
        ApprovalRole role = symbol(body, "role", ApprovalRole.class);
        String approver = text(body, "approver");
        String note = text(body, "note");
        run(exchange, HttpResponseStatus.OK, id -> registry.approve(id, model, version, role, approver, note));
    }

    private void transition(Exchange exchange) {
        JsonNode body = body(exchange, Set.of("model", "version", "state"));
        String model = text(body, "model");
        int version = required(positive(body, "version"), "version");
        ModelState state = symbol(body, "state", ModelState.class);
        run(exchange, HttpResponseStatus.OK, id -> registry.transition(id, model, version, state));
    }

    private void alias(Exchange exchange) {
        JsonNode body = body(exchange, Set.of("model", "alias", "version"));
        String model = text(body, "model");
        String alias = text(body, "alias");
        int version = required(positive(body, "version"), "version");
        run(exchange, HttpResponseStatus.OK, id -> registry.alias(id, model, alias, version));
    }

    private void listPrompts(Exchange exchange) {
        List<String> name = new QueryStringDecoder(exchange.request().uri()).parameters().get("name");
        String only = name == null || name.isEmpty() ? null : name.get(0);
        run(exchange, HttpResponseStatus.OK, id -> prompts.list(only));
    }

    /** The body is a version's spec (as in {@code config.yaml}) with the prompt's {@code name} and the {@code version}. */
    private void publishPrompt(Exchange exchange) {
        JsonNode body = body(exchange, Set.of("name", "version", "description", "system", "variables", "examples",
                "tests"));
        String name = text(body, "name");
        String version = text(body, "version");
        var spec = ((com.fasterxml.jackson.databind.node.ObjectNode) body.deepCopy()).without(List.of("name",
                "version"));
        answer(exchange, adminKeyId -> {
            PromptAdmin.Published published = prompts.publish(adminKeyId, name, version, spec);
            return HttpResponses.json(published.created() ? HttpResponseStatus.CREATED : HttpResponseStatus.OK,
                    published.body());
        });
    }

    /** {@code {"name", "label", "targets": [{"version", "weight"}, ...]}}: one version, or two for an A/B split. */
    private void labelPrompt(Exchange exchange) {
        JsonNode body = body(exchange, Set.of("name", "label", "targets"));
        String name = text(body, "name");
        String label = text(body, "label");
        List<io.sluice.avro.PromptLabelTarget> targets = labelTargets(body.get("targets"));
        run(exchange, HttpResponseStatus.OK, id -> prompts.label(id, name, label, targets));
    }

    private void rollbackPrompt(Exchange exchange) {
        JsonNode body = body(exchange, Set.of("name", "label"));
        String name = text(body, "name");
        String label = text(body, "label");
        run(exchange, HttpResponseStatus.OK, id -> prompts.rollback(id, name, label));
    }

    private static List<io.sluice.avro.PromptLabelTarget> labelTargets(JsonNode value) {
        if (value == null || !value.isArray()) {
            throw new ApiException(ApiError.invalidType("targets", "an array of {version, weight} objects"));
        }
        List<io.sluice.avro.PromptLabelTarget> targets = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isObject() || !item.path("version").isTextual()) {
                throw new ApiException(ApiError.invalidType("targets", "an array of {version, weight} objects"));
            }
            Integer weight = positive(item, "weight");
            targets.add(new io.sluice.avro.PromptLabelTarget(item.get("version").asText(), weight == null ? 100 : weight));
        }
        return targets;
    }

    private static int required(Integer value, String field) {
        if (value == null) {
            throw new ApiException(ApiError.invalidRequest("'" + field + "' is required.", field,
                    "missing_required_parameter"));
        }
        return value;
    }

    /** One of {@code type}'s symbols, written in any case. */
    private static <E extends Enum<E>> E symbol(JsonNode body, String field, Class<E> type) {
        String value = text(body, field);
        for (E symbol : type.getEnumConstants()) {
            if (symbol.name().equalsIgnoreCase(value)) {
                return symbol;
            }
        }
        throw new ApiException(ApiError.invalidValue("'" + field + "' must be one of "
                + java.util.Arrays.toString(type.getEnumConstants()) + ".", field));
    }

    private static java.util.Map<String, Double> numbers(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return java.util.Map.of();
        }
        if (!value.isObject()) {
            throw new ApiException(ApiError.invalidType(field, "an object of numbers"));
        }
        var out = new java.util.TreeMap<String, Double>();
        for (var entries = value.fields(); entries.hasNext(); ) {
            var entry = entries.next();
            if (!entry.getValue().isNumber()) {
                throw new ApiException(ApiError.invalidType(field, "an object of numbers"));
            }
            out.put(entry.getKey(), entry.getValue().asDouble());
        }
        return out;
    }

    /** The JSON object of the request, with no field but {@code fields}. */
    private JsonNode body(Exchange exchange, Set<String> fields) {
        String type = exchange.request().headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(ApiError.unsupportedMediaType());
        }
        JsonNode body = parser.readTree(exchange.request().content());
        if (!body.isObject()) {
            throw new ApiException(ApiError.invalidJson("the body must be a JSON object."));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new ApiException(ApiError.unknownParameter(name));
            }
        }
        return body;
    }

    private void run(Exchange exchange, HttpResponseStatus status, Operation operation) {
        answer(exchange, adminKeyId -> HttpResponses.json(status, operation.run(adminKeyId)));
    }

    /** Runs {@code answer} for the request's admin key on the admin thread and responds with what it gives or throws. */
    private void answer(Exchange exchange, Answer answer) {
        String adminKeyId = Authentication.adminKey(auth, exchange.request()).map(AdminKey::id).orElse(null);
        if (adminKeyId == null) {
            exchange.respond(ApiError.invalidApiKey());
            return;
        }
        try {
            adminThread.execute(() -> {
                try {
                    exchange.respond(answer.run(adminKeyId));
                } catch (ApiException e) {
                    exchange.respond(e.error());
                } catch (RuntimeException e) {
                    log.error("admin.failed route={} admin_key_id={}", exchange.route(), adminKeyId, e);
                    exchange.respond(ApiError.internal());
                }
            });
        } catch (RejectedExecutionException e) {
            exchange.respond(ApiError.shuttingDown());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ApiException(ApiError.invalidType(field, "a string"));
        }
        return value.asText();
    }

    static List<String> strings(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ApiException(ApiError.invalidType(field, "an array of strings"));
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new ApiException(ApiError.invalidType(field, "an array of strings"));
            }
            out.add(item.asText());
        }
        return out;
    }

    static Integer positive(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() <= 0) {
            throw new ApiException(ApiError.invalidType(field, "a positive integer"));
        }
        return value.asInt();
    }
}
