package io.sluice.ingress;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * An API key as the ingress knows it: only the SHA-256 hash of the secret is kept. The key
 * resolves the tenant and the application of every request made with it.
 *
 * @param id       the key's id, recorded on requests and audit records (not a secret)
 * @param tenantId the tenant the key belongs to
 * @param appId    the application within the tenant, or null
 * @param sha256   the SHA-256 hash of the secret (32 bytes); defensively copied
 * @param allowedFrom the networks the key may be used from (its tenant's {@code allowed-ips});
 *                 empty means anywhere
 * @param allowedModels the models (or aliases) the key may call; empty means every model
 */
public record ApiKey(String id, String tenantId, String appId, byte[] sha256, IpRanges allowedFrom,
                     Set<String> allowedModels) {
    private static final int SHA256_BYTES = 32;

    public ApiKey {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("api key id must not be blank");
        }
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("api key " + id + ": tenant must not be blank");
        }
        if (sha256 == null || sha256.length != SHA256_BYTES) {
            throw new IllegalArgumentException("api key " + id + ": sha256 must be 32 bytes");
        }
        sha256 = sha256.clone();
        allowedFrom = allowedFrom == null ? IpRanges.none() : allowedFrom;
        allowedModels = allowedModels == null ? Set.of() : Set.copyOf(allowedModels);
    }

    /** A key that may call every model. */
    public ApiKey(String id, String tenantId, String appId, byte[] sha256, IpRanges allowedFrom) {
        this(id, tenantId, appId, sha256, allowedFrom, Set.of());
    }

    /** A key usable from anywhere. */
    public ApiKey(String id, String tenantId, String appId, byte[] sha256) {
        this(id, tenantId, appId, sha256, IpRanges.none(), Set.of());
    }

    /** Whether the key may call {@code model}: any model when it names none. */
    public boolean allowsModel(String model) {
        return allowedModels.isEmpty() || allowedModels.contains(model);
    }

    /** Whether a request from {@code client} may use this key; an unknown client only when any address may. */
    public boolean allowsFrom(InetAddress client) {
        return allowedFrom.isEmpty() || allowedFrom.contains(client);
    }

    /** The SHA-256 hash of a secret, as stored in {@link #sha256()}. */
    public static byte[] hash(String secret) {
        Objects.requireNonNull(secret, "secret");
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other
                && id.equals(other.id)
                && tenantId.equals(other.tenantId)
                && Objects.equals(appId, other.appId)
                && MessageDigest.isEqual(sha256, other.sha256)
                && allowedFrom.equals(other.allowedFrom)
                && allowedModels.equals(other.allowedModels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, tenantId, appId, Arrays.hashCode(sha256), allowedFrom, allowedModels);
    }

    /** Names the key without its hash. */
    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", tenantId=" + tenantId + ", appId=" + appId + ", allowedFrom=" + allowedFrom
                + ", allowedModels=" + allowedModels + "]";
    }
}
