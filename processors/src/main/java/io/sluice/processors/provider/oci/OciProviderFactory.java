package io.sluice.processors.provider.oci;

import io.sluice.processors.provider.DeploymentSettings;
import io.sluice.processors.provider.Provider;
import io.sluice.processors.provider.ProviderContext;
import io.sluice.processors.provider.ProviderFactory;
import io.sluice.processors.provider.oci.OciRequests.ApiFormat;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Creates {@code oci-genai} providers. A deployment names its endpoint by {@code base-url} or by
 * {@code options.oci-region} ({@code https://inference.generativeai.<region>.oci.oraclecloud.com}),
 * its compartment by {@code options.compartment-id}, and its API signing key by
 * {@code credentials.tenancy-ocid}, {@code user-ocid}, {@code fingerprint}, {@code private-key}
 * (PEM) and, for an encrypted key, {@code passphrase}.
 */
public final class OciProviderFactory implements ProviderFactory {
    public static final String TYPE = "oci-genai";

    static final String REGION = "oci-region";
    static final String COMPARTMENT = "compartment-id";
    static final String API_FORMAT = "api-format";

    private static final Pattern REGION_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Provider create(DeploymentSettings settings, ProviderContext context) {
        URI baseUrl = baseUrl(settings);
        String compartment = settings.options().get(COMPARTMENT);
        if (compartment == null || compartment.isBlank()) {
            throw new IllegalArgumentException(settings.path("options." + COMPARTMENT) + " is required for provider " + TYPE);
        }
        ApiFormat format = ApiFormat.parse(settings.options().get(API_FORMAT));
        if (format == null) {
            throw new IllegalArgumentException(settings.path("options." + API_FORMAT) + " must be generic or cohere");
        }
        return new OciProvider(settings, baseUrl, compartment.strip(), format, signer(settings), context);
    }

    /** {@code base-url} if set, else the inference endpoint of {@code options.oci-region}. */
    static URI baseUrl(DeploymentSettings settings) {
        if (settings.baseUrl() != null) {
            return settings.baseUrl();
        }
        String region = settings.options().get(REGION);
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException(settings.path("base-url") + " or " + settings.path("options." + REGION)
                    + " is required for provider " + TYPE);
        }
        if (!REGION_ID.matcher(region.strip()).matches()) {
            throw new IllegalArgumentException(settings.path("options." + REGION)
                    + " must be an OCI region identifier such as us-chicago-1");
        }
        return URI.create("https://inference.generativeai." + region.strip() + ".oci.oraclecloud.com");
    }

    private static OciSigner signer(DeploymentSettings settings) {
        String tenancy = settings.requireCredential("tenancy-ocid");
        String user = settings.requireCredential("user-ocid");
        String fingerprint = settings.requireCredential("fingerprint");
        String key = settings.requireCredential("private-key");
        String passphrase = settings.credentials().get("passphrase");
        try {
            return new OciSigner(tenancy, user, fingerprint, key,
                    passphrase == null || passphrase.isEmpty() ? null : passphrase);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(settings.path("credentials.private-key") + ": " + e.getMessage());
        }
    }
}
