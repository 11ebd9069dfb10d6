package io.sluice.ingress;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids in OpenAI's style: {@code chatcmpl-} and 24 random alphanumerics. */
final class RequestIds {
    static final String CHAT_PREFIX = "chatcmpl-";
    private static final int LENGTH = 24;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private RequestIds() {
    }

    static String chatCompletion() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return CHAT_PREFIX + new String(id);
    }
}
