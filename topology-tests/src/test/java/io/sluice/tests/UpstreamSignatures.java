package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signatures of requests as the provider would, from the request as the stub received
 * it, with code written from the providers' specs and sharing nothing with Sluice's signers: AWS
 * Signature Version 4 (Bedrock) and OCI's HTTP signatures (draft-cavage, RSA-SHA256).
 */
final class UpstreamSignatures {
    private static final Pattern SIGV4 = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, "
                    + "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
    private static final Pattern OCI_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private UpstreamSignatures() {}

    /** Asserts that {@code request} carries a valid SigV4 signature by these credentials, signing the body. */
    static void assertSigV4(RecordingUpstream.Received request, String accessKeyId, String secretAccessKey,
            String region, String service) {
        Matcher auth = SIGV4.matcher(String.valueOf(request.header("authorization")));
        assertThat(auth.matches()).as("a SigV4 authorization header: " + request.header("authorization")).isTrue();
        assertThat(auth.group(1)).isEqualTo(accessKeyId);
        assertThat(auth.group(3)).isEqualTo(region);
        assertThat(auth.group(4)).isEqualTo(service);
        String amzDate = request.header("x-amz-date");
        assertThat(amzDate).startsWith(auth.group(2));
        assertThat(request.header("x-amz-content-sha256")).isEqualTo(hex(sha256(request.body())));
        List<String> signed = Arrays.asList(auth.group(5).split(";"));
        assertThat(signed).contains("host", "x-amz-date");

        String canonicalHeaders = signed.stream()
                .map(name -> name + ":" + String.valueOf(request.header(name)).strip().replaceAll(" +", " ") + "\n")
                .collect(Collectors.joining());
        String canonicalRequest = request.method() + "\n" + awsUriEncode(request.path()) + "\n"
                + (request.rawQuery() == null ? "" : request.rawQuery()) + "\n"
                + canonicalHeaders + "\n" + auth.group(5) + "\n" + hex(sha256(request.body()));
        String scope = auth.group(2) + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), auth.group(2));
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        assertThat(auth.group(6)).as("the signature over\n" + canonicalRequest).isEqualTo(hex(hmac(key, stringToSign)));
    }

    /**
     * Asserts that {@code request} carries a valid OCI signature by {@code keyId} and {@code key},
     * covering the target, the host and the body's length, type and SHA-256.
     */
    static void assertOciSigned(RecordingUpstream.Received request, String keyId, PublicKey key)
            throws GeneralSecurityException {
        String authorization = String.valueOf(request.header("authorization"));
        assertThat(authorization).startsWith("Signature ");
        var parameters = new LinkedHashMap<String, String>();
        Matcher matcher = OCI_PARAMETER.matcher(authorization);
        while (matcher.find()) {
            parameters.put(matcher.group(1), matcher.group(2));
        }
        assertThat(parameters).containsEntry("keyId", keyId).containsEntry("algorithm", "rsa-sha256");
        List<String> signed = Arrays.asList(parameters.get("headers").split(" "));
        assertThat(signed).contains("date", "(request-target)", "host", "content-length", "content-type", "x-content-sha256");
        assertThat(request.header("x-content-sha256")).isEqualTo(Base64.getEncoder().encodeToString(sha256(request.body())));
        assertThat(request.header("content-length")).isEqualTo(Integer.toString(request.body().length));

        String target = request.method().toLowerCase(Locale.ROOT) + " " + request.path()
                + (request.rawQuery() == null ? "" : "?" + request.rawQuery());
        String signingString = signed.stream()
                .map(name -> name + ": " + (name.equals("(request-target)") ? target : request.header(name)))
                .collect(Collectors.joining("\n"));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(signingString.getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(parameters.get("signature"))))
                .as("the signature over\n" + signingString).isTrue();
    }

    /** Every service but S3 encodes the path once more for signing: all but unreserved characters and '/'. */
    private static String awsUriEncode(String rawPath) {
        var out = new StringBuilder();
        for (byte b : rawPath.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
            out.append(unreserved ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
