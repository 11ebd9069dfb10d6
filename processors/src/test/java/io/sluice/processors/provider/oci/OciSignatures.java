package io.sluice.processors.provider.oci;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks OCI request signatures independently of the SDK, from OCI's "Request Signatures" spec:
 * the signing string is one {@code name: value} line per signed header, in the order the
 * {@code headers} parameter lists them, {@code (request-target)} being
 * {@code <lower-case method> <path>[?<query>]}, joined by newlines; the signature is RSA-SHA256
 * over it, base64.
 */
final class OciSignatures {
    static final String TENANCY = "ocid1.tenancy.oc1..aaaatenancy";
    static final String USER = "ocid1.user.oc1..aaaauser";
    static final String FINGERPRINT = "20:3b:97:13:55:1c:5b:0d:d3:37:d8:50:4e:c5:3a:34";
    static final KeyPair KEYS = generate();

    private static final Pattern PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private OciSignatures() {}

    private static KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test private key as unencrypted PKCS#8 PEM, as OCI's console downloads it. */
    static String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** The parameters of a {@code Signature ...} authorization header. */
    static Map<String, String> parameters(String authorization) {
        if (!authorization.startsWith("Signature ")) {
            throw new AssertionError("not an HTTP signature: " + authorization);
        }
        var parameters = new LinkedHashMap<String, String>();
        Matcher matcher = PARAMETER.matcher(authorization);
        while (matcher.find()) {
            parameters.put(matcher.group(1), matcher.group(2));
        }
        return parameters;
    }

    /** The signing string of the headers named by {@code signedHeaders}, values looked up with {@code header}. */
    static String signingString(List<String> signedHeaders, String method, String pathAndQuery,
            Function<String, String> header) {
        var lines = new StringBuilder();
        for (String name : signedHeaders) {
            if (!lines.isEmpty()) {
                lines.append('\n');
            }
            String value = name.equals("(request-target)") ? method.toLowerCase(java.util.Locale.ROOT) + " " + pathAndQuery
                    : header.apply(name);
            if (value == null) {
                throw new AssertionError("signed header " + name + " was not sent");
            }
            lines.append(name).append(": ").append(value);
        }
        return lines.toString();
    }

    /** Whether {@code signature} (base64) is the RSA-SHA256 signature of {@code signingString} by {@code key}. */
    static boolean verifies(PublicKey key, String signingString, String signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(signingString.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    static String sha256Base64(byte[] body) throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    }
}
