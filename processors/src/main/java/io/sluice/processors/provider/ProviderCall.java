package io.sluice.processors.provider;

import io.sluice.avro.AiRequest;
import java.util.Objects;

/**
 * One canonical chat call for a provider.
 *
 * @param request       the caller's request (messages and sampling parameters)
 * @param upstreamModel the model name as the provider knows it
 * @param deployment    the deployment the call goes to
 */
public record ProviderCall(AiRequest request, String upstreamModel, DeploymentSettings deployment) {
    public ProviderCall {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(deployment, "deployment");
        if (upstreamModel == null || upstreamModel.isBlank()) {
            throw new IllegalArgumentException("upstream model must not be blank");
        }
        if (upstreamModel.strip().equals(".") || upstreamModel.strip().equals("..")) {
            // some providers put it in the URL path, where a dot segment would escape the deployment's path
            throw new IllegalArgumentException("upstream model must be a name, not a dot segment");
        }
    }
}
