package io.sluice.ingress;

import io.netty.handler.codec.http.HttpResponseStatus;

/** {@code GET /v1/models}: the catalog in OpenAI's list shape, only the models the key may call; needs an API key like every {@code /v1} call. */
final class ModelsHandler implements RouteTable.Handler {
    private final ApiKeyAuthenticator auth;
    private final ModelCatalog catalog;
    private final long createdEpochSeconds;

    ModelsHandler(ApiKeyAuthenticator auth, ModelCatalog catalog, long createdEpochSeconds) {
        this.auth = auth;
        this.catalog = catalog;
        this.createdEpochSeconds = createdEpochSeconds;
    }

    @Override
    public void handle(Exchange exchange) {
        ApiKey key;
        try {
            key = Authentication.tenantKey(auth, exchange);
        } catch (ApiException e) {
            exchange.respond(e.error());
            return;
        }
        exchange.respond(HttpResponses.json(HttpResponseStatus.OK, OpenAiJson.models(
                catalog.models(key.tenantId()).stream().filter(key::allowsModel).toList(), createdEpochSeconds)));
    }
}
