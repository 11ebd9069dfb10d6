package io.sluice.processors.provider.oci;

import static io.sluice.processors.provider.oci.OciSignatures.FINGERPRINT;
import static io.sluice.processors.provider.oci.OciSignatures.KEYS;
import static io.sluice.processors.provider.oci.OciSignatures.TENANCY;
import static io.sluice.processors.provider.oci.OciSignatures.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.junit.jupiter.api.Test;

/** The SDK's signature, checked against OCI's spec with the public half of a key made here. */
class OciSignerTest {
    private static final URI CHAT = URI.create("https://inference.generativeai.us-chicago-1.oci.oraclecloud.com/20231130/actions/chat");
    private static final String BODY = "{\"compartmentId\":\"ocid1.compartment.oc1..c\",\"note\":\"caf\u00e9\"}";
    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    private static String signingString(Map<String, String> headers, URI uri, String body, List<String> signed) {
        return OciSignatures.signingString(signed, "POST", uri.getRawPath(), name -> switch (name) {
            case "host" -> uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            case "content-length" -> Integer.toString(body.getBytes(StandardCharsets.UTF_8).length);
            default -> headers.get(name);
        });
    }

    @Test
    void signsDateTargetHostAndBodyHeadersWithTheKeyIdOfTenancyUserAndFingerprint() throws Exception {
        var signer = new OciSigner(TENANCY, USER, FINGERPRINT, OciSignatures.privateKeyPem(), null);

        Map<String, String> headers = signer.headers(CHAT, BODY, NOW);

        assertThat(headers).containsOnlyKeys("date", "content-type", "x-content-sha256", "authorization");
        assertThat(headers.get("date")).as("the injected clock's time, IMF-fixdate").isEqualTo("Thu, 02 Jan 2025 03:04:05 GMT");
        assertThat(headers.get("content-type")).isEqualTo("application/json");
        assertThat(headers.get("x-content-sha256")).isEqualTo(OciSignatures.sha256Base64(BODY.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> signature = OciSignatures.parameters(headers.get("authorization"));
        assertThat(signature).containsEntry("keyId", TENANCY + "/" + USER + "/" + FINGERPRINT)
                .containsEntry("algorithm", "rsa-sha256")
                .containsEntry("version", "1")
                .containsEntry("headers", "date (request-target) host content-length content-type x-content-sha256");
        List<String> signed = Arrays.asList(signature.get("headers").split(" "));
        assertThat(OciSignatures.verifies(KEYS.getPublic(), signingString(headers, CHAT, BODY, signed),
                signature.get("signature"))).isTrue();
    }

    @Test
    void theSignatureDoesNotVerifyForAnotherDateBodyOrPath() throws Exception {
        var signer = new OciSigner(TENANCY, USER, FINGERPRINT, OciSignatures.privateKeyPem(), null);
        Map<String, String> headers = signer.headers(CHAT, BODY, NOW);
        Map<String, String> signature = OciSignatures.parameters(headers.get("authorization"));
        List<String> signed = Arrays.asList(signature.get("headers").split(" "));

        var otherDate = new java.util.HashMap<>(headers);
        otherDate.put("date", "Thu, 02 Jan 2025 03:04:06 GMT");
        var otherBody = new java.util.HashMap<>(headers);
        otherBody.put("x-content-sha256", OciSignatures.sha256Base64("{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(OciSignatures.verifies(KEYS.getPublic(), signingString(otherDate, CHAT, BODY, signed),
                signature.get("signature"))).isFalse();
        assertThat(OciSignatures.verifies(KEYS.getPublic(), signingString(otherBody, CHAT, BODY, signed),
                signature.get("signature"))).isFalse();
        assertThat(OciSignatures.verifies(KEYS.getPublic(),
                signingString(headers, URI.create(CHAT + "x"), BODY, signed), signature.get("signature"))).isFalse();
    }

    @Test
    void theHostIsWhatTheJdkClientSends() {
        assertThat(OciSigner.host(URI.create("https://example.com/x"))).isEqualTo("example.com");
        assertThat(OciSigner.host(URI.create("https://example.com:443/x"))).isEqualTo("example.com");
        assertThat(OciSigner.host(URI.create("https://example.com:8443/x"))).isEqualTo("example.com:8443");
        assertThat(OciSigner.host(URI.create("http://127.0.0.1:80/x"))).isEqualTo("127.0.0.1");
        assertThat(OciSigner.host(URI.create("http://127.0.0.1:8080/x"))).isEqualTo("127.0.0.1:8080");
    }

    @Test
    void anEncryptedKeyIsReadWithItsPassphraseAndRefusedWithAWrongOne() throws Exception {
        OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider())
                .setPassword("correct horse".toCharArray())
                .build();
        var pem = new StringWriter();
        try (var writer = new JcaPEMWriter(pem)) {
            writer.writeObject(new JcaPKCS8Generator(KEYS.getPrivate(), encryptor));
        }
        assertThat(pem.toString()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        Map<String, String> headers = new OciSigner(TENANCY, USER, FINGERPRINT, pem.toString(), "correct horse")
                .headers(CHAT, BODY, NOW);
        Map<String, String> signature = OciSignatures.parameters(headers.get("authorization"));
        assertThat(OciSignatures.verifies(KEYS.getPublic(),
                signingString(headers, CHAT, BODY, Arrays.asList(signature.get("headers").split(" "))),
                signature.get("signature"))).isTrue();

        assertThatThrownBy(() -> new OciSigner(TENANCY, USER, FINGERPRINT, pem.toString(), "wrong"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the private key cannot be read")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void aKeyThatIsNotPemIsAConfigurationErrorThatNamesNoSecret() {
        assertThatThrownBy(() -> new OciSigner(TENANCY, USER, FINGERPRINT, "not-a-key-s3cr3t", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the private key cannot be read")
                .hasMessageNotContaining("s3cr3t");
    }
}
