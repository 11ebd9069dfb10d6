package io.sluice.processors.cache;

import io.sluice.avro.AiRequest;
import io.sluice.avro.ChatMessage;
import io.sluice.avro.SamplingParams;
import io.sluice.avro.Target;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The key of a cached answer: a hex SHA-256 over a canonical encoding of everything that changes
 * what a model answers, scoped per tenant so that one tenant never sees another's answers.
 *
 * <p>Included, in this fixed order: the tenant; the resolved target's model, deployment, provider
 * and upstream model; every message (role, name, content) in order; temperature, top_p,
 * max_tokens, n, the stop list (order kept), presence and frequency penalties, seed, logit_bias
 * (sorted by token), response_format; the prompt template version and the sanitizer policy version.
 * Left out because they do not change the answer: the request id, user, app, API key, stream
 * flags, priority, batch id, reply address, timestamps, idempotency key, metadata and the model
 * name the client asked for (an alias resolves to the same target).
 *
 * <p>The encoding cannot be ambiguous: every value is length-prefixed or fixed-size and every
 * nullable value carries a presence byte, so null, absent and zero differ, and
 * {@code ["ab", "c"]} never collides with {@code ["a", "bc"]}. Doubles are encoded by their bits
 * with {@code -0.0} taken as {@code 0.0}. The encoding starts with a version tag; change the tag
 * whenever the encoding changes.
 */
public final class CacheKeys {
    private static final String VERSION = "sluice.cache-key.v1";
    private static final HexFormat HEX = HexFormat.of();

    private CacheKeys() {}

    /**
     * The cache key of a request as it will be sent.
     *
     * @param tenantId               the tenant the answer belongs to
     * @param request                the request after sanitizing and prompt rendering
     * @param resolved               the target it was routed to
     * @param promptVersion          the version of the prompt template rendered into it; null when none
     * @param sanitizerPolicyVersion the version of the sanitize policy applied; null when none
     * @return 64 lower-case hex digits
     */
    public static String of(String tenantId, AiRequest request, Target resolved, String promptVersion,
            String sanitizerPolicyVersion) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(resolved, "resolved");
        Encoder out = new Encoder();
        out.string(VERSION);
        out.string(tenantId);

        out.string(resolved.getModel());
        out.string(resolved.getDeployment());
        out.string(resolved.getProvider());
        out.string(resolved.getUpstreamModel());

        List<ChatMessage> messages = request.getMessages();
        out.count(messages.size());
        for (ChatMessage message : messages) {
            out.string(message.getRole() == null ? null : message.getRole().name());
            out.string(message.getName());
            out.string(message.getContent());
        }

        SamplingParams params = request.getParams();
        out.present(params != null);
        if (params != null) {
            out.decimal(params.getTemperature());
            out.decimal(params.getTopP());
            out.integer(params.getMaxTokens());
            out.integer(params.getN());
            List<String> stop = params.getStop() == null ? List.of() : params.getStop();
            out.count(stop.size());
            stop.forEach(out::string);
            out.decimal(params.getPresencePenalty());
            out.decimal(params.getFrequencyPenalty());
            out.whole(params.getSeed());
            Map<String, Integer> bias = params.getLogitBias() == null ? Map.of() : params.getLogitBias();
            List<String> tokens = new ArrayList<>(bias.keySet());
            tokens.sort(null);
            out.count(tokens.size());
            for (String token : tokens) {
                out.string(token);
                out.integer(bias.get(token));
            }
            out.string(params.getResponseFormat());
        }

        out.string(promptVersion);
        out.string(sanitizerPolicyVersion);
        return HEX.formatHex(out.digest());
    }

    /** Writes values into a SHA-256 digest, each self-delimiting. */
    private static final class Encoder {
        private final MessageDigest digest;
        private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES);

        Encoder() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        void present(boolean present) {
            digest.update(present ? (byte) 1 : (byte) 0);
        }

        void count(int count) {
            scratch.clear();
            digest.update(scratch.putInt(count).array(), 0, Integer.BYTES);
        }

        void string(String value) {
            present(value != null);
            if (value != null) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                count(bytes.length);
                digest.update(bytes);
            }
        }

        void integer(Integer value) {
            present(value != null);
            if (value != null) {
                count(value);
            }
        }

        void whole(Long value) {
            present(value != null);
            if (value != null) {
                scratch.clear();
                digest.update(scratch.putLong(value).array(), 0, Long.BYTES);
            }
        }

        void decimal(Double value) {
            present(value != null);
            if (value != null) {
                double canonical = value == 0.0 ? 0.0 : value; // -0.0 == 0.0
                whole(Double.doubleToLongBits(canonical));
            }
        }

        byte[] digest() {
            return digest.digest();
        }
    }
}
