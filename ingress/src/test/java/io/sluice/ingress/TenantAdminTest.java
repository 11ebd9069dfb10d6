package io.sluice.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.avro.AuditAction;
import io.sluice.avro.AuditEvent;
import io.sluice.avro.TenantRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantAdminTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final TenantDirectory directory = new TenantDirectory(null, Map.of(), clock);
    private final List<TenantRecord> stored = new ArrayList<>();
    private final List<AuditEvent> audited = new ArrayList<>();
    private final ApiKeyAuthenticator configured = new ApiKeyAuthenticator(
            List.of(new ApiKey("cfg-key", "configured", "app", ApiKey.hash("configured-secret"))),
            List.of(new AdminKey("root", ApiKey.hash("admin-secret"))));
    private final ApiKeyAuthenticator auth = configured.withDirectory(directory);
    private final TenantAdmin admin = new TenantAdmin(new ReadyTenants(directory), (tenant, event) -> {
        stored.add(tenant);
        audited.add(event);
    }, configured, clock, Duration.ofSeconds(30));

    @Test
    void aKeyCreatedThroughTheAdminApiOpensRequestsOfItsTenantWithinItsScope() throws Exception {
        admin.createTenant("root", "acme", List.of("web"), null);
        JsonNode key = json(admin.createKey("root", "acme", "web", "acme-web",
                new TenantAdmin.Scopes(List.of("mock-echo"), 60, null)));

        String secret = key.path("secret").asText();
        assertThat(secret).startsWith("sk-sluice-");
        ApiKey opened = auth.authenticate(secret).orElseThrow();
        assertThat(opened.tenantId()).isEqualTo("acme");
        assertThat(opened.appId()).isEqualTo("web");
        assertThat(opened.allowsModel("mock-echo")).isTrue();
        assertThat(opened.allowsModel("mock-slow")).isFalse();
        assertThat(stored.get(1).getKeys().get(0).getSha256()).isEqualTo(HexFormat.of().formatHex(ApiKey.hash(secret)));
        assertThat(auth.authenticate("configured-secret")).isPresent();
    }

    @Test
    void everyOperationIsAuditedWithBeforeAndAfterButNoSecretOrHash() throws Exception {
        admin.createTenant("root", "acme", List.of(), null);
        String secret = json(admin.createKey("root", "acme", "web", "k1", new TenantAdmin.Scopes(null, null, null)))
                .path("secret").asText();

        assertThat(audited).hasSize(2);
        AuditEvent created = audited.get(1);
        assertThat(created.getAction()).isEqualTo(AuditAction.ADMIN);
        assertThat(created.getStage()).isEqualTo("admin");
        assertThat(created.getApiKeyId()).isEqualTo("root");
        assertThat(created.getTenantId()).isEqualTo("acme");
        assertThat(created.getDetails()).containsEntry("operation", "key.create")
                .containsEntry("target", "tenant/acme/key/k1");
        assertThat(json(created.getDetails().get("before")).path("keys")).isEmpty();
        assertThat(json(created.getDetails().get("after")).at("/keys/0/id").asText()).isEqualTo("k1");
        String hash = HexFormat.of().formatHex(ApiKey.hash(secret));
        for (AuditEvent event : audited) {
            assertThat(event.toString()).doesNotContain(secret).doesNotContain(hash);
        }
        assertThat(audited.get(0).getDetails()).containsEntry("before", "null");
    }

    @Test
    void aRotatedKeysOldSecretWorksUntilTheGraceEndsAndTheNewOneAfter() throws Exception {
        admin.createTenant("root", "acme", List.of(), null);
        String old = json(admin.createKey("root", "acme", "web", "k1", new TenantAdmin.Scopes(null, null, null)))
                .path("secret").asText();

        JsonNode rotated = json(admin.rotateKey("root", "acme", "k1"));
        String fresh = rotated.path("secret").asText();

        assertThat(fresh).isNotEqualTo(old);
        assertThat(rotated.path("previous_valid_until").asText()).isEqualTo("2026-03-01T10:00:30Z");
        assertThat(auth.authenticate(old)).isPresent();
        assertThat(auth.authenticate(fresh)).isPresent();
        clock.advance(Duration.ofSeconds(30));
        assertThat(auth.authenticate(old)).isEmpty();
        assertThat(auth.authenticate(fresh)).isPresent();
    }

    @Test
    void aRevokedKeyOpensNothingAndCannotBeRevokedAgain() throws Exception {
        admin.createTenant("root", "acme", List.of(), null);
        String secret = json(admin.createKey("root", "acme", "web", "k1", new TenantAdmin.Scopes(null, null, null)))
                .path("secret").asText();
        admin.rotateKey("root", "acme", "k1");

        JsonNode revoked = json(admin.revokeKey("root", "acme", "k1"));

        assertThat(revoked.path("status").asText()).isEqualTo("revoked");
        assertThat(auth.authenticate(secret)).isEmpty();
        assertThat(directory.tenants().get(0).getKeys()).hasSize(1);
        assertThatThrownBy(() -> admin.revokeKey("root", "acme", "k1"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().code()).isEqualTo("key_not_found"));
    }

    @Test
    void refusesTenantsAndKeyIdsThatExistAlreadyInTheTopicOrTheConfig() {
        admin.createTenant("root", "acme", List.of(), null);

        assertThatThrownBy(() -> admin.createTenant("root", "acme", List.of(), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().status()).isEqualTo(409));
        assertThatThrownBy(() -> admin.createTenant("root", "configured", List.of(), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().status()).isEqualTo(409));
        assertThatThrownBy(() -> admin.createKey("root", "acme", "web", "cfg-key",
                new TenantAdmin.Scopes(null, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().code()).isEqualTo("key_exists"));
        assertThatThrownBy(() -> admin.createKey("root", "nobody", "web", null, new TenantAdmin.Scopes(null, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().code()).isEqualTo("tenant_not_found"));
        assertThatThrownBy(() -> admin.createTenant("root", "bad id!", List.of(), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().status()).isEqualTo(400));
        assertThat(stored).hasSize(1);
    }

    @Test
    void aStoreThatFailsChangesNothing() {
        var failing = new TenantAdmin(new ReadyTenants(directory), (tenant, event) -> {
            throw new IllegalStateException("broker down");
        }, configured, clock, Duration.ofSeconds(30));

        assertThatThrownBy(() -> failing.createTenant("root", "acme", List.of(), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().status()).isEqualTo(503));
        assertThat(directory.tenant("acme")).isEmpty();
    }

    @Test
    void anOlderRecordDoesNotUndoANewerOne() throws Exception {
        admin.createTenant("root", "acme", List.of(), null);
        TenantRecord first = stored.get(0);
        admin.createKey("root", "acme", "web", "k1", new TenantAdmin.Scopes(null, null, null));

        directory.apply(first);

        assertThat(directory.tenant("acme").orElseThrow().getKeys()).hasSize(1);
    }

    private static JsonNode json(byte[] body) throws Exception {
        return JSON.readTree(body);
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    /** The directory as the admin API sees it once it has read the topic. */
    private record ReadyTenants(TenantDirectory directory) implements TenantAdmin.Tenants {
        @Override
        public boolean awaitCaughtUp(Duration limit) {
            return true;
        }

        @Override
        public Optional<TenantRecord> tenant(String id) {
            return directory.tenant(id);
        }

        @Override
        public List<TenantRecord> tenants() {
            return directory.tenants();
        }

        @Override
        public void apply(TenantRecord record) {
            directory.apply(record);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
