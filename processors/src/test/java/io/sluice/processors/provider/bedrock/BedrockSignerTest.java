package io.sluice.processors.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SigV4 signer at a fixed instant, checked against a signature computed from the spec in the test. */
class BedrockSignerTest {
    // AWS's documented example credentials
    private static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final URI URL = URI.create(
            "https://bedrock-runtime.eu-west-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    private static final byte[] BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json",
            "Accept", "application/json");

    @Test
    void theReferenceImplementationReproducesAwsPublishedGetVanillaExample() {
        // AWS SigV4 test suite, get-vanilla: GET / with host and x-amz-date, service "service"
        String signature = SigV4Reference.signature("GET", "/",
                Map.of("host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z"), new byte[0],
                "20150830T123600Z", "us-east-1", "service", SECRET);

        assertThat(signature).isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void signsAFixedRequestAsTheSpecSays() {
        var signer = new BedrockSigner(ACCESS_KEY_ID, SECRET, null, "eu-west-1", FIXED);

        Map<String, List<String>> headers = signer.sign(URL, HEADERS, BODY);

        String amzDate = "20250102T030405Z";
        assertThat(headers.get("X-Amz-Date")).containsExactly(amzDate);
        assertThat(headers.get("x-amz-content-sha256")).containsExactly(SigV4Reference.sha256Hex(BODY));
        assertThat(headers).doesNotContainKeys("Host", "X-Amz-Security-Token");
        String expected = SigV4Reference.signature("POST", URL.getRawPath(), Map.of(
                        "accept", "application/json",
                        "content-type", "application/json",
                        "host", "bedrock-runtime.eu-west-1.amazonaws.com",
                        "x-amz-content-sha256", SigV4Reference.sha256Hex(BODY),
                        "x-amz-date", amzDate),
                BODY, amzDate, "eu-west-1", "bedrock", SECRET);
        assertThat(headers.get("Authorization")).containsExactly("AWS4-HMAC-SHA256 "
                + "Credential=AKIDEXAMPLE/20250102/eu-west-1/bedrock/aws4_request, "
                + "SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, "
                + "Signature=" + expected);
    }

    @Test
    void theSignatureCoversTheBodyTheClockAndTheRegion() {
        var signer = new BedrockSigner(ACCESS_KEY_ID, SECRET, null, "eu-west-1", FIXED);
        String signature = authorization(signer.sign(URL, HEADERS, BODY));

        byte[] otherBody = "{\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
        var later = new BedrockSigner(ACCESS_KEY_ID, SECRET, null, "eu-west-1",
                Clock.offset(FIXED, java.time.Duration.ofSeconds(1)));
        var elsewhere = new BedrockSigner(ACCESS_KEY_ID, SECRET, null, "us-east-1", FIXED);

        assertThat(authorization(signer.sign(URL, HEADERS, otherBody))).isNotEqualTo(signature);
        assertThat(authorization(later.sign(URL, HEADERS, BODY))).isNotEqualTo(signature);
        assertThat(authorization(elsewhere.sign(URL, HEADERS, BODY))).isNotEqualTo(signature);
    }

    @Test
    void aSessionTokenIsSentAndSigned() {
        var signer = new BedrockSigner(ACCESS_KEY_ID, SECRET, "session-token-value", "eu-west-1", FIXED);

        Map<String, List<String>> headers = signer.sign(URL, HEADERS, BODY);

        assertThat(headers.get("X-Amz-Security-Token")).containsExactly("session-token-value");
        String amzDate = "20250102T030405Z";
        String expected = SigV4Reference.signature("POST", URL.getRawPath(), Map.of(
                        "accept", "application/json",
                        "content-type", "application/json",
                        "host", "bedrock-runtime.eu-west-1.amazonaws.com",
                        "x-amz-content-sha256", SigV4Reference.sha256Hex(BODY),
                        "x-amz-date", amzDate,
                        "x-amz-security-token", "session-token-value"),
                BODY, amzDate, "eu-west-1", "bedrock", SECRET);
        assertThat(authorization(headers)).endsWith(
                "SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, "
                        + "Signature=" + expected);
    }

    @Test
    void neverPrintsItsCredentials() {
        var signer = new BedrockSigner(ACCESS_KEY_ID, SECRET, "session-token-value", "eu-west-1", FIXED);

        assertThat(signer.toString()).doesNotContain(ACCESS_KEY_ID, SECRET, "session-token-value");
    }

    private static String authorization(Map<String, List<String>> headers) {
        return headers.get("Authorization").get(0);
    }
}
