package io.sluice.ingress;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a presented secret to its {@link ApiKey} (a tenant's key) or its {@link AdminKey}: the
 * secret is hashed with SHA-256 and the key is looked up by that hash. The lookup compares hashes,
 * not secrets, so however long it takes reveals at most how a hash of the caller's own guess relates
 * to a stored hash, which tells nothing useful about any secret; no constant-time comparison is
 * needed. Secrets are never stored, logged or returned. A tenant key and an admin key never share a
 * secret, so one secret never opens both the API and the admin routes.
 *
 * <p>Configured keys are fixed at start; keys created through the admin API come from a
 * {@link KeyDirectory} (see {@link #withDirectory}), which follows the {@code tenants} topic, so
 * that their rotation and revocation take effect while the ingress runs. A configured key wins
 * when both know a hash.
 */
public final class ApiKeyAuthenticator {
    /** Longer presented keys are refused without hashing them. */
    static final int MAX_KEY_LENGTH = 512;

    private final Map<ByteBuffer, ApiKey> byHash;
    private final Map<ByteBuffer, AdminKey> adminByHash;
    private final KeyDirectory directory;

    /** Tenant keys only: no admin route can be opened. */
    public ApiKeyAuthenticator(List<ApiKey> keys) {
        this(keys, List.of());
    }

    /**
     * @throws IllegalArgumentException when two keys share an id or a secret
     */
    public ApiKeyAuthenticator(List<ApiKey> keys, List<AdminKey> adminKeys) {
        Map<ByteBuffer, ApiKey> map = new HashMap<>();
        Map<ByteBuffer, AdminKey> admins = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (ApiKey key : keys) {
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException("api key id " + key.id() + " is defined twice");
            }
            if (map.putIfAbsent(ByteBuffer.wrap(key.sha256()), key) != null) {
                throw new IllegalArgumentException("api key " + key.id() + " has the same secret as another key");
            }
        }
        for (AdminKey key : adminKeys) {
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException("admin key id " + key.id() + " is defined twice");
            }
            ByteBuffer hash = ByteBuffer.wrap(key.sha256());
            if (map.containsKey(hash) || admins.putIfAbsent(hash, key) != null) {
                throw new IllegalArgumentException("admin key " + key.id() + " has the same secret as another key");
            }
        }
        this.byHash = Map.copyOf(map);
        this.adminByHash = Map.copyOf(admins);
        this.directory = KeyDirectory.NONE;
    }

    private ApiKeyAuthenticator(ApiKeyAuthenticator configured, KeyDirectory directory) {
        this.byHash = configured.byHash;
        this.adminByHash = configured.adminByHash;
        this.directory = directory;
    }

    /** These configured keys, and those {@code directory} knows at the time of each lookup. */
    ApiKeyAuthenticator withDirectory(KeyDirectory directory) {
        return new ApiKeyAuthenticator(this, directory);
    }

    /** Whether a configured tenant or admin key has this id; the admin API gives its keys other ids. */
    boolean configuresKeyId(String id) {
        return byHash.values().stream().anyMatch(k -> k.id().equals(id))
                || adminByHash.values().stream().anyMatch(k -> k.id().equals(id));
    }

    /** Whether a configured key belongs to {@code tenant}: such a tenant is the config's, not the admin API's. */
    boolean configuresTenant(String tenant) {
        return byHash.values().stream().anyMatch(k -> k.tenantId().equals(tenant));
    }

    /** The tenant key whose secret is {@code presentedKey}, or empty for a null, blank, oversized or unknown secret. */
    public Optional<ApiKey> authenticate(String presentedKey) {
        return hashOf(presentedKey).flatMap(hash -> {
            ApiKey configured = byHash.get(hash);
            return configured != null ? Optional.of(configured) : directory.find(hash);
        });
    }

    /** The admin key whose secret is {@code presentedKey}, or empty for anything else (a tenant's key included). */
    public Optional<AdminKey> authenticateAdmin(String presentedKey) {
        return hashOf(presentedKey).map(adminByHash::get);
    }

    private static Optional<ByteBuffer> hashOf(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(ByteBuffer.wrap(ApiKey.hash(presentedKey)));
    }

    /** How many tenant keys are known. */
    public int size() {
        return byHash.size();
    }

    /** How many admin keys are known. */
    public int adminKeys() {
        return adminByHash.size();
    }
}
