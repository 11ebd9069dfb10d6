package io.sluice.ingress;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Request ids in OpenAI's style, {@code chatcmpl-} and 24 alphanumerics, that prove who asked:
 * 14 random characters, then 10 of an HMAC-SHA256 over them and the requested model, keyed with
 * the hash of the caller's API key. Any ingress instance can later tell, without state, whether an
 * id was issued to a given key and for which of the catalog's models (trying each; catalogs are
 * small). Feedback uses it to accept a rating only from the caller that made the request; someone
 * who holds the key is that caller.
 */
final class RequestIds {
    static final String CHAT_PREFIX = "chatcmpl-";
    private static final int RANDOM = 14;
    private static final int SIGNATURE = 10;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    });

    private RequestIds() {
    }

    /** A fresh id for a request made with the key whose hash is {@code keyHash}, asking for {@code model}. */
    static String chatCompletion(byte[] keyHash, String model) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[RANDOM];
        for (int i = 0; i < RANDOM; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        String nonce = new String(id);
        return CHAT_PREFIX + nonce + signature(keyHash, nonce, model);
    }

    /** The model {@code requestId} was issued for to the key whose hash is {@code keyHash}, if it was. */
    static Optional<String> issuedTo(String requestId, byte[] keyHash, Collection<String> models) {
        if (requestId == null || requestId.length() != CHAT_PREFIX.length() + RANDOM + SIGNATURE
                || !requestId.startsWith(CHAT_PREFIX)) {
            return Optional.empty();
        }
        String nonce = requestId.substring(CHAT_PREFIX.length(), CHAT_PREFIX.length() + RANDOM);
        String signature = requestId.substring(CHAT_PREFIX.length() + RANDOM);
        for (String model : models) {
            if (java.security.MessageDigest.isEqual(signature(keyHash, nonce, model).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }

    private static String signature(byte[] keyHash, String nonce, String model) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(keyHash, "HmacSHA256"));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an API key hash is a valid HMAC key", e);
        }
        mac.update(nonce.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(model.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[SIGNATURE];
        for (int i = 0; i < SIGNATURE; i++) {
            out[i] = ALPHABET[(digest[i] & 0xff) % ALPHABET.length];
        }
        return new String(out);
    }
}
