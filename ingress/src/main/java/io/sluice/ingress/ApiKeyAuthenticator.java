package io.sluice.ingress;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a presented API key secret to its {@link ApiKey}: the secret is hashed with SHA-256
 * and the key is looked up by that hash. The lookup compares hashes, not secrets, so however
 * long it takes reveals at most how a hash of the caller's own guess relates to a stored hash,
 * which tells nothing useful about any secret; no constant-time comparison is needed. Secrets are
 * never stored, logged or returned.
 */
public final class ApiKeyAuthenticator {
    /** Longer presented keys are refused without hashing them. */
    static final int MAX_KEY_LENGTH = 512;

    private final Map<ByteBuffer, ApiKey> byHash;

    /**
     * @throws IllegalArgumentException when two keys share an id or a secret
     */
    public ApiKeyAuthenticator(List<ApiKey> keys) {
        Map<ByteBuffer, ApiKey> map = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (ApiKey key : keys) {
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException("api key id " + key.id() + " is defined twice");
            }
            if (map.putIfAbsent(ByteBuffer.wrap(key.sha256()), key) != null) {
                throw new IllegalArgumentException("api key " + key.id() + " has the same secret as another key");
            }
        }
        this.byHash = Map.copyOf(map);
    }

    /** The key whose secret is {@code presentedKey}, or empty for a null, blank, oversized or unknown secret. */
    public Optional<ApiKey> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(ByteBuffer.wrap(ApiKey.hash(presentedKey))));
    }

    /** How many keys are known. */
    public int size() {
        return byHash.size();
    }
}
