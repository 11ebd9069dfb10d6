package io.sluice.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
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
 * The admin API's routes for tenants and keys ({@code /v1/admin/...}; the router lets only admin
 * keys reach them). Reads and checks the request on the event loop, runs the operation on the
 * admin thread (it waits for Kafka), and answers from there.
 */
final class AdminHandler {
    private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
    static final String TENANTS = "/v1/admin/tenants";
    static final String KEYS = "/v1/admin/keys";
    static final String ROTATE = "/v1/admin/keys/rotate";
    static final String REVOKE = "/v1/admin/keys/revoke";

    /** One operation of an admin key; throws {@link ApiException} for what the client should hear. */
    private interface Operation {
        byte[] run(String adminKeyId);
    }

    private final ApiKeyAuthenticator auth;
    private final ChatRequestParser parser;
    private final TenantAdmin admin;
    private final Executor adminThread;

    AdminHandler(ApiKeyAuthenticator auth, ChatRequestParser parser, TenantAdmin admin, Executor adminThread) {
        this.auth = auth;
        this.parser = parser;
        this.admin = admin;
        this.adminThread = adminThread;
    }

    RouteTable.Builder addTo(RouteTable.Builder table) {
        return table
                .adminRoute("admin_tenants", HttpMethod.GET, TENANTS, guarded(this::listTenants))
                .adminRoute("admin_tenants", HttpMethod.POST, TENANTS, guarded(this::createTenant))
                .adminRoute("admin_keys", HttpMethod.POST, KEYS, guarded(this::createKey))
                .adminRoute("admin_keys_rotate", HttpMethod.POST, ROTATE, guarded(this::rotateKey))
                .adminRoute("admin_keys_revoke", HttpMethod.POST, REVOKE, guarded(this::revokeKey));
    }

    /** Answers a request the handler refused while reading it. */
    private static RouteTable.Handler guarded(RouteTable.Handler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (ApiException e) {
                exchange.respond(e.error());
            }
        };
    }

    private void listTenants(Exchange exchange) {
        List<String> tenant = new QueryStringDecoder(exchange.request().uri()).parameters().get("tenant");
        String only = tenant == null || tenant.isEmpty() ? null : tenant.get(0);
        run(exchange, HttpResponseStatus.OK, id -> admin.list(only));
    }

    private void createTenant(Exchange exchange) {
        JsonNode body = body(exchange, Set.of("id", "apps"));
        String tenant = text(body, "id");
        List<String> apps = strings(body, "apps");
        run(exchange, HttpResponseStatus.CREATED, id -> admin.createTenant(id, tenant, apps));
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
        String adminKeyId = Authentication.adminKey(auth, exchange.request()).map(AdminKey::id).orElse(null);
        if (adminKeyId == null) {
            exchange.respond(ApiError.invalidApiKey());
            return;
        }
        try {
            adminThread.execute(() -> {
                try {
                    exchange.respond(HttpResponses.json(status, operation.run(adminKeyId)));
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

    private static List<String> strings(JsonNode body, String field) {
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

    private static Integer positive(JsonNode body, String field) {
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
