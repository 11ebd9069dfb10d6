package io.sluice.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.TenantKey;
import io.sluice.avro.TenantPolicy;
import io.sluice.avro.TenantRecord;
import io.sluice.schemas.ErrorTypes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The admin API's operations on tenants, apps and keys. Each reads the tenant's state as this
 * ingress knows it from the {@code tenants} topic, writes the new state there and an {@code ADMIN}
 * audit event (who, what, before and after, never a secret or a hash) to {@code audit.raw}, and
 * answers with the new state. A key's secret is made here, returned once and never stored: only
 * its SHA-256 is. Operations run one at a time on one thread of their own, never on an event loop;
 * two ingress instances changing the same tenant at the same moment may lose one change (the
 * newer record wins).
 */
final class TenantAdmin {
    static final String STAGE = "admin";
    static final Duration READY_WAIT = Duration.ofSeconds(10);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String SECRET_PREFIX = "sk-sluice-";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the admin API reads and changes: the tenants topic as this ingress follows it. */
    interface Tenants {
        boolean awaitCaughtUp(Duration limit) throws InterruptedException;

        Optional<TenantRecord> tenant(String id);

        List<TenantRecord> tenants();

        void apply(TenantRecord record);
    }

    /** A key's optional scopes. */
    record Scopes(List<String> models, Integer requestsPerMinute, Integer tokensPerMinute) {
        Scopes {
            models = models == null ? List.of() : List.copyOf(models);
        }
    }

    private final Tenants tenants;
    private final AdminLog store;
    private final ApiKeyAuthenticator configured;
    private final Clock clock;
    private final Duration rotationGrace;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param configured    the configured keys: their tenants and ids are the config's and cannot be made here
     * @param rotationGrace how long a rotated key's previous secret keeps working
     */
    TenantAdmin(Tenants tenants, AdminLog store, ApiKeyAuthenticator configured, Clock clock, Duration rotationGrace) {
        this.tenants = tenants;
        this.store = store;
        this.configured = configured;
        this.clock = clock;
        this.rotationGrace = rotationGrace;
    }

    synchronized byte[] list(String tenant) {
        awaitReady();
        return AdminOperations.list(tenants.tenants(), r -> tenant == null || tenant.equals(r.getTenantId()), TenantAdmin::view);
    }

    synchronized byte[] createTenant(String adminId, String tenantId, List<String> apps, TenantPolicy policy) {
        requireId(tenantId, "id");
        apps.forEach(app -> requireId(app, "apps"));
        awaitReady();
        if (tenants.tenant(tenantId).isPresent() || configured.configuresTenant(tenantId)) {
            throw new ApiException(conflict("tenant_exists", "Tenant `" + tenantId + "` already exists.", "id"));
        }
        Instant now = clock.instant();
        TenantRecord after = TenantRecord.newBuilder().setTenantId(tenantId).setApps(List.copyOf(apps))
                .setKeys(List.of()).setPolicy(policy).setCreatedAt(now).setUpdatedAt(now).build();
        write(adminId, "tenant.create", "tenant/" + tenantId, null, after);
        return AdminOperations.bytes(view(after));
    }

    /** Replaces the tenant's policy; the gateway applies it as soon as its global store has it. */
    synchronized byte[] setPolicy(String adminId, String tenantId, TenantPolicy policy) {
        requireId(tenantId, "tenant");
        awaitReady();
        TenantRecord before = existing(tenantId);
        TenantRecord after = next(before, clock.instant()).setPolicy(policy).build();
        write(adminId, "tenant.policy", "tenant/" + tenantId, before, after);
        return AdminOperations.bytes(view(after));
    }

    synchronized byte[] createKey(String adminId, String tenantId, String appId, String keyId, Scopes scopes) {
        requireId(tenantId, "tenant");
        requireId(appId, "app");
        awaitReady();
        TenantRecord before = existing(tenantId);
        String id = keyId != null ? keyId : "key-" + HexFormat.of().formatHex(randomBytes(6));
        requireId(id, "id");
        if (configured.configuresKeyId(id) || tenants.tenants().stream()
                .anyMatch(t -> t.getKeys().stream().anyMatch(k -> k.getKeyId().equals(id)))) {
            throw new ApiException(conflict("key_exists", "A key with id `" + id + "` already exists.", "id"));
        }
        String secret = newSecret();
        Instant now = clock.instant();
        TenantKey key = TenantKey.newBuilder().setKeyId(id).setAppId(appId).setSha256(sha256Hex(secret))
                .setAllowedModels(scopes.models()).setRequestsPerMinute(scopes.requestsPerMinute())
                .setTokensPerMinute(scopes.tokensPerMinute()).setCreatedAt(now).build();
        List<TenantKey> keys = new ArrayList<>(before.getKeys());
        keys.add(key);
        List<String> apps = new ArrayList<>(before.getApps());
        if (!apps.contains(appId)) {
            apps.add(appId);
        }
        TenantRecord after = next(before, now).setApps(apps).setKeys(keys).build();
        write(adminId, "key.create", target(tenantId, id), before, after);
        return AdminOperations.bytes(withSecret(keyView(key), secret));
    }

    synchronized byte[] rotateKey(String adminId, String tenantId, String keyId) {
        requireId(tenantId, "tenant");
        requireId(keyId, "id");
        awaitReady();
        TenantRecord before = existing(tenantId);
        TenantKey old = liveKey(before, keyId);
        String secret = newSecret();
        Instant now = clock.instant();
        TenantKey rotated = TenantKey.newBuilder(old).setSha256(sha256Hex(secret)).setRotatedAt(now)
                .setPreviousSha256(old.getSha256()).setPreviousValidUntil(now.plus(rotationGrace)).build();
        TenantRecord after = next(before, now).setKeys(replace(before, rotated)).build();
        write(adminId, "key.rotate", target(tenantId, keyId), before, after);
        return AdminOperations.bytes(withSecret(keyView(rotated), secret));
    }

    synchronized byte[] revokeKey(String adminId, String tenantId, String keyId) {
        requireId(tenantId, "tenant");
        requireId(keyId, "id");
        awaitReady();
        TenantRecord before = existing(tenantId);
        TenantKey old = liveKey(before, keyId);
        Instant now = clock.instant();
        TenantKey revoked = TenantKey.newBuilder(old).setRevokedAt(now).setPreviousSha256(null)
                .setPreviousValidUntil(null).build();
        TenantRecord after = next(before, now).setKeys(replace(before, revoked)).build();
        write(adminId, "key.revoke", target(tenantId, keyId), before, after);
        return AdminOperations.bytes(keyView(revoked));
    }

    private void write(String adminId, String operation, String target, TenantRecord before, TenantRecord after) {
        AuditEvent event = AdminOperations.event(adminId, after.getTenantId(), operation, target,
                before == null ? null : view(before), view(after), clock.instant()).build();
        AdminOperations.store(() -> store.write(after, event), event);
        tenants.apply(after);
    }

    private void awaitReady() {
        AdminOperations.awaitReady(tenants::awaitCaughtUp, "tenants", "tenants");
    }

    private TenantRecord existing(String tenantId) {
        return tenants.tenant(tenantId).orElseThrow(() -> new ApiException(notFound("tenant_not_found",
                "Tenant `" + tenantId + "` was not created through the admin API.", "tenant")));
    }

    private static TenantKey liveKey(TenantRecord tenant, String keyId) {
        return tenant.getKeys().stream().filter(k -> k.getKeyId().equals(keyId) && k.getRevokedAt() == null)
                .findFirst().orElseThrow(() -> new ApiException(notFound("key_not_found",
                        "Tenant `" + tenant.getTenantId() + "` has no live key `" + keyId + "`.", "id")));
    }

    /** The tenant's next state: {@code updatedAt} always moves forward, so a newer state is never mistaken for an older one. */
    private static TenantRecord.Builder next(TenantRecord before, Instant now) {
        Instant updated = now.isAfter(before.getUpdatedAt()) ? now : before.getUpdatedAt().plusMillis(1);
        return TenantRecord.newBuilder(before).setUpdatedAt(updated);
    }

    private static List<TenantKey> replace(TenantRecord tenant, TenantKey key) {
        return tenant.getKeys().stream().map(k -> k.getKeyId().equals(key.getKeyId()) ? key : k).toList();
    }

    private static String target(String tenant, String key) {
        return "tenant/" + tenant + "/key/" + key;
    }

    private String newSecret() {
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(ApiKey.hash(secret));
    }

    static void requireId(String value, String param) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new ApiException(ApiError.invalidValue("'" + param
                    + "' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.", param));
        }
    }

    /** A tenant as the admin API shows it: apps and keys with their scopes and times, never a hash. */
    static ObjectNode view(TenantRecord tenant) {
        ObjectNode node = JSON.createObjectNode().put("object", "tenant").put("id", tenant.getTenantId());
        tenant.getApps().forEach(node.putArray("apps")::add);
        ArrayNode keys = node.putArray("keys");
        tenant.getKeys().forEach(k -> keys.add(keyView(k)));
        node.set("policy", TenantPolicyJson.view(tenant.getPolicy()));
        node.put("created_at", tenant.getCreatedAt().toString());
        node.put("updated_at", tenant.getUpdatedAt().toString());
        return node;
    }

    static ObjectNode keyView(TenantKey key) {
        ObjectNode node = JSON.createObjectNode().put("object", "api_key").put("id", key.getKeyId())
                .put("app", key.getAppId()).put("status", key.getRevokedAt() == null ? "active" : "revoked");
        key.getAllowedModels().forEach(node.putArray("models")::add);
        ObjectNode limits = node.putObject("limits");
        if (key.getRequestsPerMinute() != null) {
            limits.put("requests_per_minute", key.getRequestsPerMinute());
        }
        if (key.getTokensPerMinute() != null) {
            limits.put("tokens_per_minute", key.getTokensPerMinute());
        }
        node.put("created_at", key.getCreatedAt().toString());
        putTime(node, "rotated_at", key.getRotatedAt());
        putTime(node, "previous_valid_until", key.getPreviousValidUntil());
        putTime(node, "revoked_at", key.getRevokedAt());
        return node;
    }

    private static void putTime(ObjectNode node, String field, Instant time) {
        if (time != null) {
            node.put(field, time.toString());
        }
    }

    private static ObjectNode withSecret(ObjectNode key, String secret) {
        return key.put("secret", secret);
    }


    static ApiError conflict(String code, String message, String param) {
        return new ApiError(HttpResponseStatus.CONFLICT.code(), ErrorTypes.INVALID_REQUEST, code, message, param, null);
    }

    static ApiError notFound(String code, String message, String param) {
        return new ApiError(404, ErrorTypes.NOT_FOUND, code, message, param, null);
    }
}
