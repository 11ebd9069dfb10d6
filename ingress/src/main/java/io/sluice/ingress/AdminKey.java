package io.sluice.ingress;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key for the ingress's admin routes (see {@code RouteTable}'s admin flag): only the SHA-256
 * hash of its secret is kept, exactly as for an {@link ApiKey}. An admin key belongs to no tenant
 * and is refused on the {@code /v1} API; a tenant's key is refused on admin routes.
 *
 * @param id     the key's id (not a secret), logged when it is used
 * @param sha256 the SHA-256 hash of the secret (32 bytes, see {@link ApiKey#hash}); defensively copied
 */
public record AdminKey(String id, byte[] sha256) {
    public AdminKey {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("admin key id must not be blank");
        }
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("admin key " + id + ": sha256 must be 32 bytes");
        }
        sha256 = sha256.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdminKey other && id.equals(other.id) && MessageDigest.isEqual(sha256, other.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, Arrays.hashCode(sha256));
    }

    /** Names the key without its hash. */
    @Override
    public String toString() {
        return "AdminKey[id=" + id + "]";
    }
}
