package io.sluice.processors.provider.bedrock;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderFactory;
import java.net.URI;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Creates {@code bedrock} providers. A deployment of this type needs {@code options.aws-region}
 * (the AWS region whose Bedrock Runtime is called and that requests are signed for; not the
 * deployment's {@code region}, which is a residency label) and {@code credentials.access-key-id}
 * and {@code credentials.secret-access-key}, with {@code credentials.session-token} for temporary
 * credentials. {@code base-url} defaults to {@code https://bedrock-runtime.{aws-region}.amazonaws.com};
 * {@code api-key} is refused, since Bedrock is reached with SigV4 here.
 */
public final class BedrockProviderFactory implements ProviderFactory {
    public static final String TYPE = "bedrock";

    static final String AWS_REGION = "aws-region";
    static final String ACCESS_KEY_ID = "access-key-id";
    static final String SECRET_ACCESS_KEY = "secret-access-key";
    static final String SESSION_TOKEN = "session-token";

    private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z0-9]+)+");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Provider create(DeploymentSettings settings, ProviderContext context) {
        String awsRegion = settings.options().get(AWS_REGION);
        if (awsRegion == null || awsRegion.isBlank()) {
            throw new IllegalArgumentException(settings.path("options." + AWS_REGION)
                    + " is required for provider " + TYPE + " (the AWS region, e.g. us-east-1)");
        }
        awsRegion = awsRegion.strip();
        if (!REGION.matcher(awsRegion).matches()) {
            throw new IllegalArgumentException(settings.path("options." + AWS_REGION)
                    + " must be an AWS region name such as us-east-1");
        }
        if (settings.apiKey() != null) {
            throw new IllegalArgumentException(settings.path("api-key") + " is not used by provider " + TYPE
                    + "; set credentials." + ACCESS_KEY_ID + " and credentials." + SECRET_ACCESS_KEY);
        }
        String accessKeyId = settings.requireCredential(ACCESS_KEY_ID);
        String secretAccessKey = settings.requireCredential(SECRET_ACCESS_KEY);
        String sessionToken = settings.credentials().get(SESSION_TOKEN);
        if (sessionToken != null && sessionToken.isBlank()) {
            sessionToken = null;
        }
        URI baseUrl = settings.baseUrl() != null ? settings.baseUrl() : defaultBaseUrl(awsRegion);
        var signer = new BedrockSigner(accessKeyId, secretAccessKey, sessionToken, awsRegion, context.clock());
        var secrets = new BedrockResponses.Secrets(Arrays.asList(accessKeyId, secretAccessKey, sessionToken));
        return new BedrockProvider(settings, baseUrl, signer, secrets, context);
    }

    /** The default endpoint of an AWS region. */
    static URI defaultBaseUrl(String awsRegion) {
        return URI.create("https://bedrock-runtime." + awsRegion + ".amazonaws.com");
    }
}
