package io.sluice.ingress;

import java.nio.ByteBuffer;
import java.util.Optional;

/** Keys that change while the ingress runs, looked up by the SHA-256 hash of their secret. */
interface KeyDirectory {
    KeyDirectory NONE = hash -> Optional.empty();

    /** The key whose secret hashes to {@code sha256}, if it opens anything right now. */
    Optional<ApiKey> find(ByteBuffer sha256);
}
