package io.sluice.processors.provider.bedrock;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 written out step by step from AWS's description (canonical request,
 * string to sign, HMAC key chain), for checking the production signer against an implementation
 * that shares no code with it. Covers what the tests need: no query string, single-valued headers.
 */
final class SigV4Reference {

    private SigV4Reference() {}

    /**
     * The signature of a request.
     *
     * @param rawPath       the path as sent on the wire (already percent-encoded once)
     * @param signedHeaders lower-case header names to sign, and their values
     * @param amzDate       {@code yyyyMMdd'T'HHmmss'Z'}
     */
    static String signature(String method, String rawPath, Map<String, String> signedHeaders, byte[] body,
            String amzDate, String region, String service, String secretAccessKey) {
        return HexFormat.of().formatHex(hmac(signingKey(secretAccessKey, amzDate.substring(0, 8), region, service),
                stringToSign(canonicalRequest(method, rawPath, signedHeaders, body), amzDate, region, service)));
    }

    static String canonicalRequest(String method, String rawPath, Map<String, String> signedHeaders, byte[] body) {
        List<String> names = signedHeaders.keySet().stream().sorted().toList();
        String canonicalHeaders = names.stream()
                .map(name -> name + ":" + signedHeaders.get(name).strip().replaceAll(" +", " ") + "\n")
                .collect(Collectors.joining());
        return method + "\n"
                + canonicalUri(rawPath) + "\n"
                + "" + "\n" // no query string
                + canonicalHeaders + "\n"
                + String.join(";", names) + "\n"
                + sha256Hex(body);
    }

    /** Every service but S3 encodes each path segment twice: once on the wire, once more here. */
    static String canonicalUri(String rawPath) {
        var out = new StringBuilder();
        for (byte b : rawPath.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
            out.append(unreserved ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }

    static String stringToSign(String canonicalRequest, String amzDate, String region, String service) {
        return "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope(amzDate, region, service) + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    static String scope(String amzDate, String region, String service) {
        return amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    }

    static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
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
}
