package io.sluice.processors.provider.oci;

import com.oracle.bmc.auth.AuthCachingPolicy;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.http.signing.DefaultRequestSigner;
import com.oracle.bmc.http.signing.RequestSigner;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Signs OCI API requests with the OCI SDK's request signer (HTTP Signature, {@code rsa-sha256}
 * over {@code date (request-target) host content-length content-type x-content-sha256}, key id
 * {@code <tenancy>/<user>/<fingerprint>}). The date comes from the caller's clock and the host is
 * the one the JDK client will send, so that the signature covers exactly the request on the wire.
 *
 * <p>The private key is read once, when the signer is made: a key that is not PEM, or a wrong
 * passphrase, is a configuration error then rather than a failure per call. Thread-safe.
 */
final class OciSigner {
    static final String CONTENT_TYPE = "application/json";

    /** RFC 7231 IMF-fixdate, two-digit day: {@code Thu, 05 Jan 2014 21:31:40 GMT}. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final RequestSigner signer;

    /**
     * @throws IllegalArgumentException if the key cannot be read (not PEM, not RSA, wrong or missing passphrase);
     *         the message names no secret
     */
    OciSigner(String tenancyOcid, String userOcid, String fingerprint, String privateKeyPem, String passphrase) {
        var key = new ApiKey(tenancyOcid + "/" + userOcid + "/" + fingerprint, privateKeyPem, passphrase);
        try {
            this.signer = DefaultRequestSigner.createRequestSigner(key);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the private key cannot be read (" + e.getClass().getSimpleName()
                    + "); it must be an RSA key in PEM, with its passphrase if it is encrypted");
        }
    }

    /**
     * The headers to add to a JSON {@code POST} of {@code body} to {@code uri} signed at {@code now}:
     * {@code date}, {@code content-type}, {@code x-content-sha256} and {@code authorization}. The
     * client itself sends {@code host} and {@code content-length}, which the signature covers as
     * {@link #host(URI)} and the body's UTF-8 length.
     */
    Map<String, String> headers(URI uri, String body, Instant now) {
        var signed = new LinkedHashMap<String, List<String>>();
        signed.put("date", List.of(HTTP_DATE.format(now)));
        signed.put("host", List.of(host(uri)));
        signed.put("content-type", List.of(CONTENT_TYPE));
        Map<String, String> added = signer.signRequest(uri, "POST", signed, body);
        var headers = new LinkedHashMap<String, String>();
        headers.put("date", signed.get("date").get(0));
        headers.put("content-type", CONTENT_TYPE);
        headers.put("x-content-sha256", Objects.requireNonNull(added.get("x-content-sha256"), "x-content-sha256"));
        headers.put("authorization", Objects.requireNonNull(added.get("authorization"), "authorization"));
        return headers;
    }

    /** The {@code Host} header the JDK client sends: the host, with the port only when it is not the scheme's default. */
    static String host(URI uri) {
        int port = uri.getPort();
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        boolean defaultPort = port == -1 || port == (secure ? 443 : 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /** An API signing key; the SDK may read it once and keep it (the annotation says so). */
    @AuthCachingPolicy(cacheKeyId = true, cachePrivateKey = true)
    private static final class ApiKey implements BasicAuthenticationDetailsProvider {
        private final String keyId;
        private final byte[] pem;
        private final String passphrase;

        ApiKey(String keyId, String pem, String passphrase) {
            this.keyId = keyId;
            this.pem = pem.getBytes(StandardCharsets.UTF_8);
            this.passphrase = passphrase;
        }

        @Override
        public String getKeyId() {
            return keyId;
        }

        @Override
        public InputStream getPrivateKey() {
            return new ByteArrayInputStream(pem);
        }

        @Override
        @Deprecated
        public String getPassPhrase() {
            return passphrase;
        }

        @Override
        public char[] getPassphraseCharacters() {
            return passphrase == null ? null : passphrase.toCharArray();
        }

        @Override
        public String toString() {
            return "ApiKey[" + keyId + ", <redacted>]";
        }
    }
}
