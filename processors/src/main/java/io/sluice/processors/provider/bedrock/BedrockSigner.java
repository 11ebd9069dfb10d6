package io.sluice.processors.provider.bedrock;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signs Bedrock requests with AWS Signature Version 4, using AWS's own signer
 * ({@code software.amazon.awssdk:http-auth-aws}) for service {@code bedrock}, at the instant the
 * injected clock says. Holds the deployment's credentials and never prints them.
 */
final class BedrockSigner {
    static final String SERVICE = "bedrock";

    /** Headers the JDK HTTP client sets itself and refuses to take: signed, but not copied to the request. */
    private static final List<String> SET_BY_THE_CLIENT = List.of("host", "content-length");

    private final AwsCredentialsIdentity credentials;
    private final String awsRegion;
    private final Clock clock;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param sessionToken a temporary credential's token, sent as {@code X-Amz-Security-Token}, or null
     */
    BedrockSigner(String accessKeyId, String secretAccessKey, String sessionToken, String awsRegion, Clock clock) {
        Objects.requireNonNull(accessKeyId, "access key id");
        Objects.requireNonNull(secretAccessKey, "secret access key");
        this.credentials = sessionToken == null
                ? AwsCredentialsIdentity.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secretAccessKey, sessionToken);
        this.awsRegion = Objects.requireNonNull(awsRegion, "aws region");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The headers to send with a POST of {@code body} to {@code uri}: the given ones plus
     * {@code X-Amz-Date}, {@code X-Amz-Content-Sha256}, {@code Authorization} and, with a session
     * token, {@code X-Amz-Security-Token}. {@code Host} is signed (from the URI, as the JDK client
     * will send it) but left out of the result, since the client sets it.
     */
    Map<String, List<String>> sign(URI uri, Map<String, String> headers, byte[] body) {
        var request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(request::putHeader);
        var signed = signer.sign(sign -> sign
                .identity(credentials)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, awsRegion)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        var result = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        signed.request().headers().forEach((name, values) -> {
            if (!SET_BY_THE_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                result.put(name, List.copyOf(values));
            }
        });
        return result;
    }

    @Override
    public String toString() {
        return "BedrockSigner[service=" + SERVICE + ", awsRegion=" + awsRegion + ", credentials=<redacted>]";
    }
}
